using System.Globalization;

namespace MachineActors.Drivers.Ipp;

/// <summary>
/// Turns printer-state and printer-state-reasons into an <see cref="IppPrinterCondition"/> and a
/// readable text. Rules, in order:
/// <list type="bullet">
/// <item>Suffixes (-report, -warning, -error) are stripped; reasons match by prefix, so vendor
/// variants such as media-needed-tray-2 match media-needed.</item>
/// <item>media-empty / media-needed are NoMedia and media-jam is PaperJam whatever the suffix:
/// ippeveprinter, like many printers, reports an empty tray as media-empty-report.</item>
/// <item>door-open / cover-open / interlock-open are Error: a label printer with its cover open
/// cannot print. Sent as -report or -warning they are only a Warning.</item>
/// <item>paused, moving-to-paused and supply-low reasons (media-low, toner-low, ...) are Warning
/// unless marked -error.</item>
/// <item>Any other reason: -error is Error, -warning is Warning, -report is informational, and
/// no suffix is Error (RFC 8011 section 5.4.12 says an unsuffixed reason is an error).</item>
/// <item>The worst condition wins: PaperJam, then NoMedia, then Error, then Warning; a printer
/// with no such reason is Ready when idle, Printing when processing, Error when stopped and
/// Unknown when printer-state is missing.</item>
/// </list>
/// </summary>
public static class PrinterStateMapper
{
    private static readonly string[] NoMediaPrefixes = ["media-empty", "media-needed"];
    private static readonly string[] JamPrefixes = ["media-jam"];
    private static readonly string[] OpenPrefixes = ["door-open", "cover-open", "interlock-open"];

    private static readonly string[] SoftPrefixes =
    [
        "paused",
        "moving-to-paused",
        "media-low",
        "toner-low",
        "marker-supply-low",
        "marker-waste-almost-full",
        "developer-low",
        "opc-near-eol",
        "spool-area-full",
    ];

    /// <summary>Maps the state attributes of a Get-Printer-Attributes response.</summary>
    public static IppPrinterStatus Map(IppPrinterAttributes printer)
    {
        ArgumentNullException.ThrowIfNull(printer);
        return Map(printer.Group.Find("printer-state")?.AsInteger(), printer.StateReasons);
    }

    /// <summary>Maps a printer-state value (3 idle, 4 processing, 5 stopped) and its reasons.</summary>
    public static IppPrinterStatus Map(int? printerState, IEnumerable<string> stateReasons)
    {
        ArgumentNullException.ThrowIfNull(stateReasons);
        var reasons = stateReasons
            .Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(IppStateReason.Parse)
            .Where(r => r.Keyword != "none")
            .ToArray();

        var fromReasons = reasons.Select(Classify).OfType<IppPrinterCondition>().ToArray();
        var worst = fromReasons.Length == 0 ? (IppPrinterCondition?)null : fromReasons.MaxBy(Rank);
        var condition = (printerState, worst) switch
        {
            (_, IppPrinterCondition.PaperJam or IppPrinterCondition.NoMedia or IppPrinterCondition.Error) => worst.Value,
            ((int)IppPrinterState.Stopped, IppPrinterCondition.Warning) => IppPrinterCondition.Warning,
            ((int)IppPrinterState.Stopped, _) => IppPrinterCondition.Error,
            (_, IppPrinterCondition.Warning) => IppPrinterCondition.Warning,
            ((int)IppPrinterState.Idle, _) => IppPrinterCondition.Ready,
            ((int)IppPrinterState.Processing, _) => IppPrinterCondition.Printing,
            _ => IppPrinterCondition.Unknown,
        };

        return new IppPrinterStatus(condition, Describe(printerState, reasons), reasons);
    }

    private static IppPrinterCondition? Classify(IppStateReason reason)
    {
        if (StartsWithAny(reason.Keyword, JamPrefixes))
        {
            return IppPrinterCondition.PaperJam;
        }

        if (StartsWithAny(reason.Keyword, NoMediaPrefixes))
        {
            return IppPrinterCondition.NoMedia;
        }

        if (StartsWithAny(reason.Keyword, OpenPrefixes))
        {
            return reason.Severity is IppReasonSeverity.Report or IppReasonSeverity.Warning
                ? IppPrinterCondition.Warning
                : IppPrinterCondition.Error;
        }

        if (StartsWithAny(reason.Keyword, SoftPrefixes))
        {
            return reason.Severity == IppReasonSeverity.Error ? IppPrinterCondition.Error : IppPrinterCondition.Warning;
        }

        return reason.Severity switch
        {
            IppReasonSeverity.Report => null,
            IppReasonSeverity.Warning => IppPrinterCondition.Warning,
            _ => IppPrinterCondition.Error,
        };
    }

    private static int Rank(IppPrinterCondition condition) => condition switch
    {
        IppPrinterCondition.PaperJam => 4,
        IppPrinterCondition.NoMedia => 3,
        IppPrinterCondition.Error => 2,
        IppPrinterCondition.Warning => 1,
        _ => 0,
    };

    private static bool StartsWithAny(string keyword, string[] prefixes) =>
        prefixes.Any(p => keyword.StartsWith(p, StringComparison.Ordinal));

    private static string Describe(int? printerState, IppStateReason[] reasons)
    {
        var state = printerState switch
        {
            (int)IppPrinterState.Idle => "Idle",
            (int)IppPrinterState.Processing => "Printing",
            (int)IppPrinterState.Stopped => "Stopped",
            null => "State unknown",
            _ => string.Create(CultureInfo.InvariantCulture, $"State {printerState}"),
        };
        return reasons.Length == 0 ? state : $"{state}: {string.Join(", ", reasons.Select(r => r.Describe()))}";
    }
}
