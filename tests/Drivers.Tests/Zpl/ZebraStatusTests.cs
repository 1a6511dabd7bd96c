using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

public sealed class ZebraStatusTests
{
    [Fact]
    public void Combine_keeps_everything_either_status_reports()
    {
        var fromErrorStatus = new ZebraStatus { Errors = ZebraErrorFlags.CutterFault, Warnings = ZebraWarningFlags.PaperNearEnd };
        var fromHostStatus = new ZebraStatus { Errors = ZebraErrorFlags.MediaOut, HostFlags = ZebraHostFlags.BufferFull, Paused = true };

        var combined = fromErrorStatus.Combine(fromHostStatus);

        Assert.Equal(ZebraErrorFlags.CutterFault | ZebraErrorFlags.MediaOut, combined.Errors);
        Assert.Equal(ZebraWarningFlags.PaperNearEnd, combined.Warnings);
        Assert.Equal(ZebraHostFlags.BufferFull, combined.HostFlags);
        Assert.True(combined.Paused);
        Assert.Equal(combined, fromHostStatus.Combine(fromErrorStatus));
        Assert.Equal("Media out, cutter fault; paused; warnings: paper near end, receive buffer full", combined.Text);
    }

    [Fact]
    public void Combining_with_ready_changes_nothing()
    {
        var status = new ZebraStatus { Errors = ZebraErrorFlags.RibbonOut, ErrorIndicated = true };

        Assert.Equal(status, status.Combine(ZebraStatus.Ready));
        Assert.Equal(ZebraStatus.Ready, ZebraStatus.Ready.Combine(ZebraStatus.Ready));
    }

    [Fact]
    public void A_paused_printer_without_errors_is_not_ready_but_has_no_errors()
    {
        var status = new ZebraStatus { Paused = true };

        Assert.False(status.IsReady);
        Assert.False(status.HasErrors);
        Assert.Equal("Paused", status.Text);
    }

    [Fact]
    public void Warnings_alone_leave_the_printer_ready()
    {
        var status = new ZebraStatus { Warnings = ZebraWarningFlags.ReplacePrinthead | ZebraWarningFlags.CleanPrinthead };

        Assert.True(status.IsReady);
        Assert.True(status.HasWarnings);
        Assert.Equal("Warnings: clean printhead, replace printhead", status.Text);
    }

    [Fact]
    public void Other_errors_exclude_the_three_main_ones_and_pause()
    {
        var status = new ZebraStatus
        {
            Errors = ZebraErrorFlags.MediaOut | ZebraErrorFlags.RibbonOut | ZebraErrorFlags.HeadOpen | ZebraErrorFlags.Paused | ZebraErrorFlags.MotorOverTemperature,
        };

        Assert.Equal(ZebraErrorFlags.MotorOverTemperature, status.OtherErrors);
    }
}
