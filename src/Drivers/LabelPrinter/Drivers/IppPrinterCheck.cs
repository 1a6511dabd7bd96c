using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>What one status read of an IPP printer showed: the machine status set, its text, and the failure behind it if any.</summary>
internal sealed record IppPrinterCheck(MachineStatus Status, string Text, Exception? Failure);
