using MachineActors.Drivers.Ipp;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class PrinterStateMapperTests
{
    private const int Idle = 3;
    private const int Processing = 4;
    private const int Stopped = 5;

    [Theory]
    [InlineData(Idle, new string[0], IppPrinterCondition.Ready)]
    [InlineData(Idle, new[] { "none" }, IppPrinterCondition.Ready)]
    [InlineData(Processing, new[] { "none" }, IppPrinterCondition.Printing)]
    [InlineData(Stopped, new string[0], IppPrinterCondition.Error)]
    [InlineData(Stopped, new[] { "none" }, IppPrinterCondition.Error)]
    [InlineData(null, new string[0], IppPrinterCondition.Unknown)]
    [InlineData(9, new[] { "none" }, IppPrinterCondition.Unknown)]
    public void Printer_state_alone(int? state, string[] reasons, IppPrinterCondition expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(state, reasons).Condition);
    }

    [Theory]
    [InlineData("media-empty")]
    [InlineData("media-empty-report")]
    [InlineData("media-empty-warning")]
    [InlineData("media-empty-error")]
    [InlineData("media-needed")]
    [InlineData("media-needed-error")]
    [InlineData("media-needed-tray-2-error")]
    [InlineData("MEDIA-EMPTY-ERROR")]
    public void Media_empty_and_media_needed_are_NoMedia_whatever_the_suffix(string reason)
    {
        Assert.Equal(IppPrinterCondition.NoMedia, PrinterStateMapper.Map(Idle, [reason]).Condition);
        Assert.Equal(IppPrinterCondition.NoMedia, PrinterStateMapper.Map(Stopped, [reason]).Condition);
    }

    [Theory]
    [InlineData("media-jam")]
    [InlineData("media-jam-report")]
    [InlineData("media-jam-warning")]
    [InlineData("media-jam-error")]
    public void Media_jam_is_PaperJam(string reason)
    {
        Assert.Equal(IppPrinterCondition.PaperJam, PrinterStateMapper.Map(Stopped, [reason]).Condition);
    }

    [Theory]
    [InlineData("door-open", IppPrinterCondition.Error)]
    [InlineData("door-open-error", IppPrinterCondition.Error)]
    [InlineData("cover-open-error", IppPrinterCondition.Error)]
    [InlineData("interlock-open-error", IppPrinterCondition.Error)]
    [InlineData("cover-open-warning", IppPrinterCondition.Warning)]
    [InlineData("door-open-report", IppPrinterCondition.Warning)]
    public void Open_covers_are_errors_unless_only_reported_or_warned(string reason, IppPrinterCondition expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(Idle, [reason]).Condition);
    }

    [Theory]
    [InlineData("toner-low", IppPrinterCondition.Warning)]
    [InlineData("toner-low-warning", IppPrinterCondition.Warning)]
    [InlineData("media-low-report", IppPrinterCondition.Warning)]
    [InlineData("marker-supply-low-warning", IppPrinterCondition.Warning)]
    [InlineData("paused", IppPrinterCondition.Warning)]
    [InlineData("moving-to-paused-report", IppPrinterCondition.Warning)]
    [InlineData("toner-low-error", IppPrinterCondition.Error)]
    public void Supply_low_and_paused_are_warnings(string reason, IppPrinterCondition expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(Idle, [reason]).Condition);
    }

    [Theory]
    [InlineData(Idle, "fuser-over-temp-error", IppPrinterCondition.Error)]
    [InlineData(Idle, "other-warning", IppPrinterCondition.Warning)]
    [InlineData(Idle, "other-report", IppPrinterCondition.Ready)]
    [InlineData(Processing, "other-report", IppPrinterCondition.Printing)]
    [InlineData(Processing, "other-warning", IppPrinterCondition.Warning)]
    [InlineData(Idle, "other", IppPrinterCondition.Error)]
    [InlineData(Processing, "vendor-special-error", IppPrinterCondition.Error)]
    [InlineData(Stopped, "other-report", IppPrinterCondition.Error)]
    [InlineData(Stopped, "paused", IppPrinterCondition.Warning)]
    [InlineData(null, "other-warning", IppPrinterCondition.Warning)]
    [InlineData(null, "media-empty-report", IppPrinterCondition.NoMedia)]
    public void Unknown_reasons_follow_their_suffix(int? state, string reason, IppPrinterCondition expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(state, [reason]).Condition);
    }

    [Theory]
    [InlineData(new[] { "toner-low-warning", "media-empty-error" }, IppPrinterCondition.NoMedia)]
    [InlineData(new[] { "media-empty-error", "media-jam-error" }, IppPrinterCondition.PaperJam)]
    [InlineData(new[] { "other-error", "media-empty-report" }, IppPrinterCondition.NoMedia)]
    [InlineData(new[] { "toner-low-warning", "cover-open-error" }, IppPrinterCondition.Error)]
    [InlineData(new[] { "none", "toner-low-warning" }, IppPrinterCondition.Warning)]
    public void The_worst_reason_wins(string[] reasons, IppPrinterCondition expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(Processing, reasons).Condition);
        Assert.Equal(expected, PrinterStateMapper.Map(Processing, reasons.Reverse()).Condition);
    }

    [Theory]
    [InlineData(Idle, new[] { "none" }, "Idle")]
    [InlineData(Processing, new string[0], "Printing")]
    [InlineData(Stopped, new[] { "media-empty-error", "toner-low-warning" }, "Stopped: media empty (error), toner low (warning)")]
    [InlineData(Idle, new[] { "media-empty-report" }, "Idle: media empty (report)")]
    [InlineData(Idle, new[] { "other" }, "Idle: other")]
    [InlineData(null, new string[0], "State unknown")]
    [InlineData(7, new[] { "none" }, "State 7")]
    public void Text_lists_the_state_and_reasons_readably(int? state, string[] reasons, string expected)
    {
        Assert.Equal(expected, PrinterStateMapper.Map(state, reasons).Text);
    }

    [Fact]
    public void Reasons_are_returned_parsed_without_none_and_blanks()
    {
        var status = PrinterStateMapper.Map(Idle, ["none", " ", "media-low-warning", "spool-area-full"]);

        Assert.Equal(
            [new IppStateReason("media-low", IppReasonSeverity.Warning), new IppStateReason("spool-area-full", IppReasonSeverity.None)],
            status.Reasons);
    }

    [Fact]
    public void Maps_the_printer_group_of_a_response()
    {
        var group = new IppAttributeGroup(
            IppGroupTag.Printer,
            new IppAttribute("printer-state", IppValue.Enum(Stopped)),
            new IppAttribute("printer-state-reasons", IppValue.Keyword("media-jam-error"), IppValue.Keyword("cover-open-error")));

        var status = PrinterStateMapper.Map(new IppPrinterAttributes(group));

        Assert.Equal(IppPrinterCondition.PaperJam, status.Condition);
        Assert.Equal("Stopped: media jam (error), cover open (error)", status.Text);
    }

    [Theory]
    [InlineData("media-empty-report", "media-empty", IppReasonSeverity.Report)]
    [InlineData("toner-low-warning", "toner-low", IppReasonSeverity.Warning)]
    [InlineData("media-jam-error", "media-jam", IppReasonSeverity.Error)]
    [InlineData("paused", "paused", IppReasonSeverity.None)]
    [InlineData(" Cover-Open-Error ", "cover-open", IppReasonSeverity.Error)]
    [InlineData("-error", "-error", IppReasonSeverity.None)]
    public void State_reasons_split_into_keyword_and_severity(string raw, string keyword, IppReasonSeverity severity)
    {
        Assert.Equal(new IppStateReason(keyword, severity), IppStateReason.Parse(raw));
    }
}
