using System.Globalization;
using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

public sealed class ZplStatusParserTests
{
    private const string Stx = "\u0002";
    private const string Etx = "\u0003";

    public static TheoryData<ZebraErrorFlags, string> ErrorFlags() => new()
    {
        { ZebraErrorFlags.MediaOut, "Media out" },
        { ZebraErrorFlags.RibbonOut, "Ribbon out" },
        { ZebraErrorFlags.HeadOpen, "Head open" },
        { ZebraErrorFlags.CutterFault, "Cutter fault" },
        { ZebraErrorFlags.PrintheadOverTemperature, "Printhead over temperature" },
        { ZebraErrorFlags.MotorOverTemperature, "Motor over temperature" },
        { ZebraErrorFlags.BadPrintheadElement, "Bad printhead element" },
        { ZebraErrorFlags.PrintheadDetectionError, "Printhead detection error" },
        { ZebraErrorFlags.InvalidFirmwareConfiguration, "Invalid firmware configuration" },
        { ZebraErrorFlags.PrintheadThermistorOpen, "Printhead thermistor open" },
        { ZebraErrorFlags.PaperJamDuringRetract, "Paper jam during retract" },
        { ZebraErrorFlags.PresenterNotRunning, "Presenter not running" },
        { ZebraErrorFlags.PaperFeedError, "Paper feed error" },
        { ZebraErrorFlags.ClearPaperPathFailed, "Clear paper path failed" },
        { ZebraErrorFlags.RetractFunctionTimedOut, "Retract function timed out" },
        { ZebraErrorFlags.BlackMarkCalibrateError, "Black mark calibrate error" },
        { ZebraErrorFlags.BlackMarkNotFound, "Black mark not found" },
    };

    [Theory]
    [MemberData(nameof(ErrorFlags))]
    public void Every_error_flag_of_HQES_is_decoded(ZebraErrorFlags flag, string text)
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes($"1 00000000 {(ulong)flag:X8}", "0 00000000 00000000"));

        Assert.Equal(flag, status.Errors);
        Assert.Equal(ZebraWarningFlags.None, status.Warnings);
        Assert.True(status.HasErrors);
        Assert.False(status.IsReady);
        Assert.Equal(text, status.Text);
        Assert.Equal(flag == ZebraErrorFlags.MediaOut, status.MediaOut);
        Assert.Equal(flag == ZebraErrorFlags.RibbonOut, status.RibbonOut);
        Assert.Equal(flag == ZebraErrorFlags.HeadOpen, status.HeadOpen);
    }

    public static TheoryData<ZebraWarningFlags, string> WarningFlags() => new()
    {
        { ZebraWarningFlags.NeedToCalibrateMedia, "need to calibrate media" },
        { ZebraWarningFlags.CleanPrinthead, "clean printhead" },
        { ZebraWarningFlags.ReplacePrinthead, "replace printhead" },
        { ZebraWarningFlags.PaperNearEnd, "paper near end" },
        { ZebraWarningFlags.Sensor1PaperBeforeHead, "sensor 1 (paper before head)" },
        { ZebraWarningFlags.Sensor2BlackMark, "sensor 2 (black mark)" },
        { ZebraWarningFlags.Sensor3PaperAfterHead, "sensor 3 (paper after head)" },
        { ZebraWarningFlags.Sensor4LoopReady, "sensor 4 (loop ready)" },
        { ZebraWarningFlags.Sensor5Presenter, "sensor 5 (presenter)" },
        { ZebraWarningFlags.Sensor6RetractReady, "sensor 6 (retract ready)" },
        { ZebraWarningFlags.Sensor7InRetract, "sensor 7 (in retract)" },
        { ZebraWarningFlags.Sensor8AtBin, "sensor 8 (at bin)" },
    };

    [Theory]
    [MemberData(nameof(WarningFlags))]
    public void Every_warning_flag_of_HQES_is_decoded(ZebraWarningFlags flag, string text)
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("0 00000000 00000000", $"1 00000000 {(ulong)flag:X8}"));

        Assert.Equal(flag, status.Warnings);
        Assert.Equal(ZebraErrorFlags.None, status.Errors);
        Assert.True(status.HasWarnings);
        Assert.False(status.HasErrors);
        Assert.True(status.IsReady);
        Assert.Equal("Warnings: " + text, status.Text);
    }

    [Fact]
    public void Decodes_the_example_of_the_zebra_manual()
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("1 00000000 00000005", "1 00000000 00000002"));

        Assert.Equal(ZebraErrorFlags.MediaOut | ZebraErrorFlags.HeadOpen, status.Errors);
        Assert.Equal(ZebraWarningFlags.CleanPrinthead, status.Warnings);
        Assert.Equal("Media out, head open; warnings: clean printhead", status.Text);
    }

    [Fact]
    public void A_printer_without_errors_or_warnings_is_ready()
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("0 00000000 00000000", "0 00000000 00000000"));

        Assert.Equal(ZebraStatus.Ready, status);
        Assert.True(status.IsReady);
        Assert.Equal("Ready", status.Text);
    }

    [Fact]
    public void Group_2_bits_are_kept_and_named_as_unknown()
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("1 0000000A 00000001", "1 00000001 00000000"));

        Assert.Equal((ZebraErrorFlags)0x0000000A_00000001UL, status.Errors);
        Assert.Equal((ZebraWarningFlags)0x00000001_00000000UL, status.Warnings);
        Assert.Equal(
            "Media out, unknown error flags 0x0000000A00000000; warnings: unknown warning flags 0x0000000100000000",
            status.Text);
    }

    [Fact]
    public void An_error_digit_without_flag_bits_is_still_an_error()
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("1 00000000 00000000", "1 00000000 00000000"));

        Assert.True(status.ErrorIndicated);
        Assert.True(status.WarningIndicated);
        Assert.True(status.HasErrors);
        Assert.Equal("Unspecified error; warnings: unspecified warning", status.Text);
    }

    [Fact]
    public void The_KR403_paused_flag_sets_paused()
    {
        var status = ZplStatusParser.ParseErrorStatus(Hqes("1 00000000 00010000", "0 00000000 00000000"));

        Assert.True(status.Paused);
        Assert.False(status.HasErrors);
        Assert.Equal("Paused", status.Text);
    }

    [Theory]
    [InlineData("PRINTER STATUS\nERRORS: 1 00000000 00000004\nWARNINGS: 0 00000000 00000000\n")]
    [InlineData("  PRINTER STATUS\r\n   ERRORS:         1 00000000 00000004\r\n   WARNINGS:       0 00000000 00000000\r\n")]
    [InlineData("ERRORS:\t1\t00000000\t00000004\r\nwarnings: 0 00000000 00000000")]
    [InlineData("\u0002\r\n\r\n  PRINTER STATUS\r\n   ERRORS:         1 00000000 00000004  \r\n   WARNINGS:       0 00000000 00000000   \r\n\u0003\r\n")]
    [InlineData("\r\n\u0002\nPRINTER STATUS\nERRORS: 1 00000000 00000004\nWARNINGS: 0 00000000 00000000\u0003")]
    public void HQES_layout_variants_parse(string response)
    {
        Assert.Equal(ZebraErrorFlags.HeadOpen, ZplStatusParser.ParseErrorStatus(response).Errors);
        Assert.Equal(ZebraErrorFlags.HeadOpen, ZplStatusParser.Parse(response).Errors);
    }

    [Fact]
    public void HS_of_a_ready_printer_from_the_zebra_manual_layout()
    {
        var response = Hs("030,0,0,1225,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0");

        var status = ZplStatusParser.ParseHostStatus(response);

        Assert.True(status.IsReady);
        Assert.Equal(ZebraStatus.Ready, status);
    }

    [Theory]
    [InlineData("030,1,0,1225,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", ZebraErrorFlags.MediaOut, false)]
    [InlineData("030,0,1,1225,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", ZebraErrorFlags.None, true)]
    [InlineData("030,0,0,1225,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,6,0,00000000,1,000", ZebraErrorFlags.HeadOpen, false)]
    [InlineData("030,0,0,1225,000,0,0,0,000,0,0,0", "001,0,0,1,1,2,6,0,00000000,1,000", ZebraErrorFlags.RibbonOut, false)]
    [InlineData("030,1,1,1225,000,0,0,0,000,0,0,0", "001,0,1,1,1,2,6,0,00000000,1,000", ZebraErrorFlags.MediaOut | ZebraErrorFlags.HeadOpen | ZebraErrorFlags.RibbonOut, true)]
    public void HS_flags_for_paper_pause_head_and_ribbon(string first, string second, ZebraErrorFlags errors, bool paused)
    {
        var status = ZplStatusParser.ParseHostStatus(Hs(first, second, "1234,0"));

        Assert.Equal(errors, status.Errors);
        Assert.Equal(paused, status.Paused);
        Assert.False(status.IsReady);
    }

    [Theory]
    [InlineData("030,0,0,1225,000,1,0,0,000,0,0,0", ZebraHostFlags.BufferFull, "Warnings: receive buffer full", false)]
    [InlineData("030,0,0,1225,000,0,0,1,000,0,0,0", ZebraHostFlags.PartialFormat, "Warnings: partial format in progress", false)]
    [InlineData("030,0,0,1225,000,0,0,0,000,1,0,0", ZebraHostFlags.CorruptRam, "Corrupt RAM (configuration lost)", true)]
    [InlineData("030,0,0,1225,000,0,0,0,000,0,1,0", ZebraHostFlags.UnderTemperature, "Warnings: head under temperature", false)]
    [InlineData("030,0,0,1225,000,0,0,0,000,0,0,1", ZebraHostFlags.OverTemperature, "Head over temperature", true)]
    public void HS_host_conditions(string first, ZebraHostFlags flag, string text, bool isError)
    {
        var status = ZplStatusParser.ParseHostStatus(Hs(first, "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0"));

        Assert.Equal(flag, status.HostFlags);
        Assert.Equal(text, status.Text);
        Assert.Equal(isError, status.HasErrors);
        Assert.Equal(!isError, status.HasWarnings);
    }

    [Fact]
    public void HS_with_fewer_or_more_fields_than_the_manual_lists_still_parses()
    {
        var shortest = ZplStatusParser.ParseHostStatus(Hs("030,1,0", "001,0,0,1", "0"));
        var longer = ZplStatusParser.ParseHostStatus(Hs("030,0,1,1225,000,0,0,0,000,0,0,0,7,8", "001,0,1,0,1,2,6,0,00000000,1,000,9", "1234,0,5"));

        Assert.Equal(ZebraErrorFlags.MediaOut | ZebraErrorFlags.RibbonOut, shortest.Errors);
        Assert.Equal(ZebraErrorFlags.HeadOpen, longer.Errors);
        Assert.True(longer.Paused);
    }

    [Fact]
    public void HS_as_unframed_lines_parses()
    {
        var status = ZplStatusParser.ParseHostStatus("030,1,0,1225,000,0,0,0,000,0,0,0\r\n001,0,0,0,1,2,6,0,00000000,1,000\r\n1234,0\r\n");

        Assert.True(status.MediaOut);
    }

    [Fact]
    public void The_combined_answer_of_HQES_and_HS_is_merged()
    {
        var response = Hqes("1 00000000 00000008", "1 00000000 00000001")
            + Hs("030,1,1,1225,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0");

        var status = ZplStatusParser.Parse(response);

        Assert.Equal(ZebraErrorFlags.CutterFault | ZebraErrorFlags.MediaOut, status.Errors);
        Assert.Equal(ZebraWarningFlags.NeedToCalibrateMedia, status.Warnings);
        Assert.True(status.Paused);
        Assert.Equal("Media out, cutter fault; paused; warnings: need to calibrate media", status.Text);
    }

    [Fact]
    public void Parse_accepts_raw_bytes_of_any_value()
    {
        var bytes = "\u0002PRINTER STATUS\r\nERRORS: 0 00000000 00000000\r\nWARNINGS: 0 00000000 00000000\r\n\u0003"u8.ToArray();

        Assert.True(ZplStatusParser.Parse(bytes).IsReady);
        Assert.Throws<ZplFormatException>(() => ZplStatusParser.Parse(new byte[] { 0x02, 0xFF, 0x80, 0x03 }));
    }

    public static TheoryData<string, string> Garbage() => new()
    {
        { string.Empty, "neither" },
        { "   \r\n ", "neither" },
        { "hello", "~HS answer is 3 strings" },
        { "PRINTER STATUS\nERRORS: 1 00000000 00000001\n", "both an ERRORS and a WARNINGS line" },
        { "PRINTER STATUS\nWARNINGS: 0 00000000 00000000\n", "both an ERRORS and a WARNINGS line" },
        { Hqes("2 00000000 00000001", "0 00000000 00000000"), "ERRORS line must be" },
        { Hqes("1 0000000 00000001", "0 00000000 00000000"), "ERRORS line must be" },
        { Hqes("1 00000000 0000000G", "0 00000000 00000000"), "ERRORS line must be" },
        { Hqes("1 00000000 00000001 00000000", "0 00000000 00000000"), "ERRORS line must be" },
        { Hqes("1 00000000", "0 00000000 00000000"), "ERRORS line must be" },
        { Hqes("0 00000000 00000000", "0 00000000 -0000000"), "WARNINGS line must be" },
        { Stx + "ERRORS: 0 00000000 00000000\nERRORS: 0 00000000 00000000\nWARNINGS: 0 00000000 00000000" + Etx, "repeats the ERRORS line" },
        { Stx + "PRINTER STATUS\nFIRMWARE: V1\nERRORS: 0 00000000 00000000\nWARNINGS: 0 00000000 00000000" + Etx, "Unexpected line" },
        { Stx + "PRINTER STATUS\nERRORS: 0 00000000 00000000\nWARNINGS: 0 00000000 00000000", "has no ETX" },
        { "junk" + Hqes("0 00000000 00000000", "0 00000000 00000000"), "Text outside" },
        { Hqes("0 00000000 00000000", "0 00000000 00000000") + "junk", "Text outside" },
        { Stx + "030,0,0" + Stx + "001,0,0,0" + Etx, "contains another STX" },
        { Etx, "Text outside" },
        { Hqes("0 00000000 00000000", "0 00000000 00000000") + Hqes("0 00000000 00000000", "0 00000000 00000000"), "2 ~HQES answers" },
        { Hs("030,0,0", "001,0,0,0", null), "is 3 strings; found 2" },
        { Hs("030,0,0", "001,0,0,0", "1", "2"), "is 3 strings; found 4" },
        { Hs("030,0", "001,0,0,0", "1"), "string 1 has 2 field(s)" },
        { Hs("030,0,0", "001,0,0", "1"), "string 2 has 3 field(s)" },
        { Hs("030,X,0", "001,0,0,0", "1"), "string 1 field 2 is not a number" },
        { Hs("030,,0", "001,0,0,0", "1"), "string 1 field 2 is not a number" },
        { Hs("030,0,0", "001,0,0,-1", "1"), "string 2 field 4 is not a number" },
        { Hs("030,2,0", "001,0,0,0", "1"), "field 2 is '2'; a flag is 0 or 1" },
        { Hs("030,0,0", "001,0,7,0", "1"), "field 3 is '7'; a flag is 0 or 1" },
        { Hs("030,0,0,1,1,5", "001,0,0,0", "1"), "field 6 is '5'; a flag is 0 or 1" },
        { Hs("030,0,0", "001,0,0,0", "  "), "string 3 is empty" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_throws_ZplFormatException_with_a_clear_message(string response, string expectedFragment)
    {
        var error = Assert.Throws<ZplFormatException>(() => ZplStatusParser.Parse(response));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ERRORS: 0 00000000 00000000")]
    [InlineData("\u0002030,0,0\u0003\u0002001,0,0,0\u0003\u00021\u0003")]
    public void ParseErrorStatus_rejects_anything_but_one_complete_HQES_answer(string response)
    {
        Assert.Throws<ZplFormatException>(() => ZplStatusParser.ParseErrorStatus(response));
    }

    [Fact]
    public void ParseHostStatus_rejects_an_HQES_answer()
    {
        Assert.Throws<ZplFormatException>(() => ZplStatusParser.ParseHostStatus(Hqes("0 00000000 00000000", "0 00000000 00000000")));
    }

    [Fact]
    public void Error_messages_show_control_characters_readably()
    {
        var error = Assert.Throws<ZplFormatException>(() => ZplStatusParser.Parse("\u0002\u0001PRINTER STATUS\r\n"));

        Assert.Contains("<STX><0x01>PRINTER STATUS<CR><LF>", error.Message);
    }

    private static string Hqes(string errors, string warnings) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stx}\r\n\r\n  PRINTER STATUS\r\n   ERRORS:         {errors}\r\n   WARNINGS:       {warnings}\r\n{Etx}\r\n");

    private static string Hs(params string?[] strings) =>
        string.Concat(strings.Where(s => s is not null).Select(s => $"{Stx}{s}{Etx}\r\n"));
}
