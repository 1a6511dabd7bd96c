using MachineActors.Drivers.Zpl;
using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// How a Zebra's status shows on a label printer machine, worst first: media out is NO_MEDIA; a jam (KR403 paper jam
/// during retract) is PAPER_JAM; any other error (head open, ribbon out, cutter fault, over temperature, corrupt RAM,
/// an unspecified error) is ERROR; paused or any warning is WARNING; otherwise CONNECTED. The text is
/// <see cref="ZebraStatus.Text"/>, e.g. "Head open; paused".
/// </summary>
internal static class ZebraStatusMap
{
    public static MachineStatus StatusFor(ZebraStatus status)
    {
        if (status.MediaOut)
        {
            return LabelPrinterStatuses.NoMedia;
        }

        if (status.Errors.HasFlag(ZebraErrorFlags.PaperJamDuringRetract))
        {
            return LabelPrinterStatuses.PaperJam;
        }

        if (status.HasErrors)
        {
            return LabelPrinterStatuses.Error;
        }

        return status.Paused || status.HasWarnings ? LabelPrinterStatuses.Warning : LabelPrinterStatuses.Connected;
    }
}
