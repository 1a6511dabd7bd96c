using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter;

/// <summary>The statuses of a label printer (InvenTree's <c>LabelPrinterStatus</c>, plus WARNING and ERROR).</summary>
public static class LabelPrinterStatuses
{
    /// <summary>Reachable and ready to print.</summary>
    public static readonly MachineStatus Connected = new(100, "CONNECTED", "Connected", StatusColour.Success);

    /// <summary>Not known yet, e.g. before the driver first reached the printer; the default.</summary>
    public static readonly MachineStatus Unknown = new(101, "UNKNOWN", "Unknown", StatusColour.Secondary);

    /// <summary>A job is running.</summary>
    public static readonly MachineStatus Printing = new(110, "PRINTING", "Printing", StatusColour.Primary);

    /// <summary>Prints, but needs attention (paused, supplies low); the status text says why.</summary>
    public static readonly MachineStatus Warning = new(200, "WARNING", "Warning", StatusColour.Warning);

    /// <summary>Out of labels.</summary>
    public static readonly MachineStatus NoMedia = new(301, "NO_MEDIA", "No media", StatusColour.Warning);

    /// <summary>Labels jammed.</summary>
    public static readonly MachineStatus PaperJam = new(302, "PAPER_JAM", "Paper jam", StatusColour.Warning);

    /// <summary>The driver cannot reach the printer.</summary>
    public static readonly MachineStatus Disconnected = new(400, "DISCONNECTED", "Disconnected", StatusColour.Danger);

    /// <summary>The printer cannot print (head open, ribbon out, silent) or driver code failed; the status text says why.</summary>
    public static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    /// <summary>All eight, in code order.</summary>
    public static readonly MachineStatusSet Set =
        new(Connected, Unknown, Printing, Warning, NoMedia, PaperJam, Disconnected, Error);

    /// <summary>Whether a label sent now would be printed: not unreachable, out of media, jammed or in error.</summary>
    internal static bool CanPrint(MachineStatus status) =>
        status != Disconnected && status != NoMedia && status != PaperJam && status != Error;
}
