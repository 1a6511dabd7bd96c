using System.Globalization;

namespace MachineActors.Drivers.Zpl;

/// <summary>A neutral view of a Zebra printer's status, from ~HQES, ~HS or both combined.</summary>
public sealed record ZebraStatus
{
    private const ZebraErrorFlags MainErrors = ZebraErrorFlags.MediaOut | ZebraErrorFlags.RibbonOut | ZebraErrorFlags.HeadOpen;

    private const ZebraHostFlags HostErrors = ZebraHostFlags.CorruptRam | ZebraHostFlags.OverTemperature;

    private const ZebraHostFlags HostWarnings = ZebraHostFlags.BufferFull | ZebraHostFlags.PartialFormat | ZebraHostFlags.UnderTemperature;

    private static readonly (ZebraErrorFlags Flag, string Text)[] ErrorTexts =
    [
        (ZebraErrorFlags.MediaOut, "media out"),
        (ZebraErrorFlags.RibbonOut, "ribbon out"),
        (ZebraErrorFlags.HeadOpen, "head open"),
        (ZebraErrorFlags.CutterFault, "cutter fault"),
        (ZebraErrorFlags.PrintheadOverTemperature, "printhead over temperature"),
        (ZebraErrorFlags.MotorOverTemperature, "motor over temperature"),
        (ZebraErrorFlags.BadPrintheadElement, "bad printhead element"),
        (ZebraErrorFlags.PrintheadDetectionError, "printhead detection error"),
        (ZebraErrorFlags.InvalidFirmwareConfiguration, "invalid firmware configuration"),
        (ZebraErrorFlags.PrintheadThermistorOpen, "printhead thermistor open"),
        (ZebraErrorFlags.PaperJamDuringRetract, "paper jam during retract"),
        (ZebraErrorFlags.PresenterNotRunning, "presenter not running"),
        (ZebraErrorFlags.PaperFeedError, "paper feed error"),
        (ZebraErrorFlags.ClearPaperPathFailed, "clear paper path failed"),
        (ZebraErrorFlags.RetractFunctionTimedOut, "retract function timed out"),
        (ZebraErrorFlags.BlackMarkCalibrateError, "black mark calibrate error"),
        (ZebraErrorFlags.BlackMarkNotFound, "black mark not found"),
    ];

    private static readonly ZebraErrorFlags KnownErrors = ErrorTexts.Aggregate(ZebraErrorFlags.Paused, (all, e) => all | e.Flag);

    private static readonly (ZebraWarningFlags Flag, string Text)[] WarningTexts =
    [
        (ZebraWarningFlags.NeedToCalibrateMedia, "need to calibrate media"),
        (ZebraWarningFlags.CleanPrinthead, "clean printhead"),
        (ZebraWarningFlags.ReplacePrinthead, "replace printhead"),
        (ZebraWarningFlags.PaperNearEnd, "paper near end"),
        (ZebraWarningFlags.Sensor1PaperBeforeHead, "sensor 1 (paper before head)"),
        (ZebraWarningFlags.Sensor2BlackMark, "sensor 2 (black mark)"),
        (ZebraWarningFlags.Sensor3PaperAfterHead, "sensor 3 (paper after head)"),
        (ZebraWarningFlags.Sensor4LoopReady, "sensor 4 (loop ready)"),
        (ZebraWarningFlags.Sensor5Presenter, "sensor 5 (presenter)"),
        (ZebraWarningFlags.Sensor6RetractReady, "sensor 6 (retract ready)"),
        (ZebraWarningFlags.Sensor7InRetract, "sensor 7 (in retract)"),
        (ZebraWarningFlags.Sensor8AtBin, "sensor 8 (at bin)"),
    ];

    private static readonly ZebraWarningFlags KnownWarnings = WarningTexts.Aggregate(ZebraWarningFlags.None, (all, w) => all | w.Flag);

    private static readonly (ZebraHostFlags Flag, string Text)[] HostTexts =
    [
        (ZebraHostFlags.BufferFull, "receive buffer full"),
        (ZebraHostFlags.PartialFormat, "partial format in progress"),
        (ZebraHostFlags.CorruptRam, "corrupt RAM (configuration lost)"),
        (ZebraHostFlags.UnderTemperature, "head under temperature"),
        (ZebraHostFlags.OverTemperature, "head over temperature"),
    ];

    /// <summary>A printer with nothing to report.</summary>
    public static ZebraStatus Ready { get; } = new();

    /// <summary>Error flags (from ~HQES; ~HS paper-out, head-up and ribbon-out set the matching flags).</summary>
    public ZebraErrorFlags Errors { get; init; }

    /// <summary>Warning flags (from ~HQES).</summary>
    public ZebraWarningFlags Warnings { get; init; }

    /// <summary>Conditions reported only by ~HS.</summary>
    public ZebraHostFlags HostFlags { get; init; }

    /// <summary>The leading error digit of ~HQES was 1; on its own (no flag bit) it still counts as an error.</summary>
    public bool ErrorIndicated { get; init; }

    /// <summary>The leading warning digit of ~HQES was 1.</summary>
    public bool WarningIndicated { get; init; }

    /// <summary>Paused (~HS pause flag, or the KR403 paused error flag).</summary>
    public bool Paused { get; init; }

    /// <summary>Out of media.</summary>
    public bool MediaOut => Errors.HasFlag(ZebraErrorFlags.MediaOut);

    /// <summary>Out of ribbon.</summary>
    public bool RibbonOut => Errors.HasFlag(ZebraErrorFlags.RibbonOut);

    /// <summary>Printhead open (head up).</summary>
    public bool HeadOpen => Errors.HasFlag(ZebraErrorFlags.HeadOpen);

    /// <summary>Every error other than media out, ribbon out and head open (unknown bits included).</summary>
    public ZebraErrorFlags OtherErrors => Errors & ~MainErrors & ~ZebraErrorFlags.Paused;

    /// <summary>True when the printer reports an error of any kind.</summary>
    public bool HasErrors => (ErrorIndicated && Errors == ZebraErrorFlags.None)
        || (Errors & ~ZebraErrorFlags.Paused) != ZebraErrorFlags.None
        || (HostFlags & HostErrors) != ZebraHostFlags.None;

    /// <summary>True when the printer reports a warning of any kind.</summary>
    public bool HasWarnings => WarningIndicated
        || Warnings != ZebraWarningFlags.None
        || (HostFlags & HostWarnings) != ZebraHostFlags.None;

    /// <summary>True when the printer can print right now: no error and not paused.</summary>
    public bool IsReady => !HasErrors && !Paused;

    /// <summary>Readable summary, e.g. "Media out, head open; paused; warnings: clean printhead", or "Ready".</summary>
    public string Text => Describe();

    /// <summary>Both statuses at once: flags are combined, so anything either reports is kept.</summary>
    public ZebraStatus Combine(ZebraStatus other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ZebraStatus
        {
            Errors = Errors | other.Errors,
            Warnings = Warnings | other.Warnings,
            HostFlags = HostFlags | other.HostFlags,
            ErrorIndicated = ErrorIndicated || other.ErrorIndicated,
            WarningIndicated = WarningIndicated || other.WarningIndicated,
            Paused = Paused || other.Paused,
        };
    }

    private string Describe()
    {
        var errors = Names(ErrorTexts, Errors, KnownErrors, "error");
        errors.AddRange(Names(HostTexts, HostFlags & HostErrors, HostErrors, "host error"));
        if (ErrorIndicated && Errors == ZebraErrorFlags.None && errors.Count == 0)
        {
            errors.Add("unspecified error");
        }

        var warnings = Names(WarningTexts, Warnings, KnownWarnings, "warning");
        warnings.AddRange(Names(HostTexts, HostFlags & HostWarnings, HostWarnings, "host warning"));
        if (WarningIndicated && warnings.Count == 0)
        {
            warnings.Add("unspecified warning");
        }

        var parts = new List<string>();
        if (errors.Count > 0)
        {
            parts.Add(string.Join(", ", errors));
        }

        if (Paused)
        {
            parts.Add("paused");
        }

        if (warnings.Count > 0)
        {
            parts.Add("warnings: " + string.Join(", ", warnings));
        }

        if (parts.Count == 0)
        {
            return "Ready";
        }

        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The texts of the set flags in table order, then the set bits outside <paramref name="known"/>, if any.</summary>
    private static List<string> Names<TFlags>((TFlags Flag, string Text)[] texts, TFlags flags, TFlags known, string kind)
        where TFlags : struct, Enum
    {
        var names = texts.Where(t => flags.HasFlag(t.Flag)).Select(t => t.Text).ToList();
        var unknownBits = Convert.ToUInt64(flags, CultureInfo.InvariantCulture) & ~Convert.ToUInt64(known, CultureInfo.InvariantCulture);
        if (unknownBits != 0)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"unknown {kind} flags 0x{unknownBits:X16}"));
        }

        return names;
    }
}
