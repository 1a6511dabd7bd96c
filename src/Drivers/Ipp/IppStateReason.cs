namespace MachineActors.Drivers.Ipp;

/// <summary>One printer-state-reasons keyword split into its reason and severity suffix.</summary>
public sealed record IppStateReason(string Keyword, IppReasonSeverity Severity)
{
    private static readonly (string Suffix, IppReasonSeverity Severity)[] Suffixes =
    [
        ("-report", IppReasonSeverity.Report),
        ("-warning", IppReasonSeverity.Warning),
        ("-error", IppReasonSeverity.Error),
    ];

    /// <summary>Splits e.g. media-empty-report into (media-empty, Report).</summary>
    public static IppStateReason Parse(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var trimmed = reason.Trim().ToLowerInvariant();
        foreach (var (suffix, severity) in Suffixes)
        {
            if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                return new IppStateReason(trimmed[..^suffix.Length], severity);
            }
        }

        return new IppStateReason(trimmed, IppReasonSeverity.None);
    }

    /// <summary>Readable form, e.g. "media empty (report)".</summary>
    public string Describe()
    {
        var words = Keyword.Replace('-', ' ');
        return Severity switch
        {
            IppReasonSeverity.Report => $"{words} (report)",
            IppReasonSeverity.Warning => $"{words} (warning)",
            IppReasonSeverity.Error => $"{words} (error)",
            _ => words,
        };
    }
}
