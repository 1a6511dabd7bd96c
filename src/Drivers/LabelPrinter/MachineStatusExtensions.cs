using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter;

/// <summary>Sets a status and its text together.</summary>
internal static class MachineStatusExtensions
{
    public static void SetStatus(this IMachine machine, MachineStatus status, string text)
    {
        machine.SetStatus(status);
        machine.SetStatusText(text);
    }
}
