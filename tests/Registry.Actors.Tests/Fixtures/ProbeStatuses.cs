using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

public static class ProbeStatuses
{
    public static readonly MachineStatus Ready = new(100, "READY", "Ready", StatusColour.Success);
    public static readonly MachineStatus Unknown = new(101, "UNKNOWN", "Unknown", StatusColour.Secondary);
    public static readonly MachineStatus Warning = new(200, "WARNING", "Warning", StatusColour.Warning);
    public static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    public static readonly MachineStatusSet Set = new(Ready, Unknown, Warning, Error);
}
