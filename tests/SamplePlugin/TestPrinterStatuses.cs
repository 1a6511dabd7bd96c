using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>The statuses of <see cref="TestPrinterMachineType"/>, with the label printer's codes.</summary>
public static class TestPrinterStatuses
{
    public static readonly MachineStatus Connected = new(100, "CONNECTED", "Connected", StatusColour.Success);
    public static readonly MachineStatus Unknown = new(101, "UNKNOWN", "Unknown", StatusColour.Secondary);
    public static readonly MachineStatus Printing = new(110, "PRINTING", "Printing", StatusColour.Primary);
    public static readonly MachineStatus Warning = new(200, "WARNING", "Warning", StatusColour.Warning);
    public static readonly MachineStatus NoMedia = new(301, "NO_MEDIA", "No media", StatusColour.Warning);
    public static readonly MachineStatus PaperJam = new(302, "PAPER_JAM", "Paper jam", StatusColour.Warning);
    public static readonly MachineStatus Disconnected = new(400, "DISCONNECTED", "Disconnected", StatusColour.Danger);
    public static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    public static readonly MachineStatusSet Set = new(Connected, Unknown, Printing, Warning, NoMedia, PaperJam, Disconnected, Error);
}
