using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>What one status read of an IPP printer showed: the machine status set, its text, and the failure behind it if any.</summary>
internal sealed record IppPrinterCheck(MachineStatus Status, string Text, Exception? Failure)
{
    /// <summary>Whether a label sent now would be printed: not unreachable, out of media, jammed or in error.</summary>
    public bool CanPrint =>
        Status != LabelPrinterStatuses.Disconnected
        && Status != LabelPrinterStatuses.NoMedia
        && Status != LabelPrinterStatuses.PaperJam
        && Status != LabelPrinterStatuses.Error;
}
