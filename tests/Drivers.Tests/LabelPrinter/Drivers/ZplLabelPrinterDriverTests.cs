using System.Text;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Drivers.Tests.Zpl;
using MachineActors.Drivers.Zpl;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter.Drivers;

/// <summary>The ZPL driver against <see cref="FakeZebra"/>, a loopback stand-in for a Zebra on raw TCP.</summary>
public sealed class ZplLabelPrinterDriverTests : IAsyncLifetime
{
    private const string StatusQuery = "~HQES~HS";
    private readonly FakeZebra _zebra = new();
    private readonly ZplLabelPrinterDriver _driver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _zebra.DisposeAsync();

    [Fact]
    public async Task InitMachine_on_a_ready_printer_shows_CONNECTED_after_asking_HQES_and_HS()
    {
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal("Ready", machine.StatusText);
        Assert.Equal(StatusQuery, Ascii(await _zebra.NextConnectionAsync()));
    }

    public static TheoryData<ZebraErrorFlags, string, string> ErrorFlags => new()
    {
        { ZebraErrorFlags.MediaOut, "NO_MEDIA", "Media out" },
        { ZebraErrorFlags.RibbonOut, "ERROR", "Ribbon out" },
        { ZebraErrorFlags.HeadOpen, "ERROR", "Head open" },
        { ZebraErrorFlags.CutterFault, "ERROR", "Cutter fault" },
        { ZebraErrorFlags.PrintheadOverTemperature, "ERROR", "Printhead over temperature" },
        { ZebraErrorFlags.MotorOverTemperature, "ERROR", "Motor over temperature" },
        { ZebraErrorFlags.BadPrintheadElement, "ERROR", "Bad printhead element" },
        { ZebraErrorFlags.PaperFeedError, "ERROR", "Paper feed error" },
        { ZebraErrorFlags.PaperJamDuringRetract, "PAPER_JAM", "Paper jam during retract" },
        { ZebraErrorFlags.MediaOut | ZebraErrorFlags.HeadOpen, "NO_MEDIA", "Media out, head open" },
        { ZebraErrorFlags.HeadOpen | ZebraErrorFlags.RibbonOut, "ERROR", "Ribbon out, head open" },
    };

    [Theory]
    [MemberData(nameof(ErrorFlags))]
    public async Task Every_error_flag_shows_its_status_and_names_the_flags(ZebraErrorFlags errors, string status, string text)
    {
        _zebra.Errors = errors;
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(status, machine.Status.Name);
        Assert.Equal(text, machine.StatusText);
    }

    [Fact]
    public async Task A_paused_printer_is_a_WARNING()
    {
        _zebra.Paused = true;
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Warning, machine.Status);
        Assert.Equal("Paused", machine.StatusText);
    }

    [Theory]
    [InlineData(ZebraWarningFlags.CleanPrinthead, "Warnings: clean printhead")]
    [InlineData(ZebraWarningFlags.PaperNearEnd, "Warnings: paper near end")]
    [InlineData(ZebraWarningFlags.NeedToCalibrateMedia | ZebraWarningFlags.ReplacePrinthead, "Warnings: need to calibrate media, replace printhead")]
    public async Task A_warning_flag_is_a_WARNING_naming_it(ZebraWarningFlags warnings, string text)
    {
        _zebra.Warnings = warnings;
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Warning, machine.Status);
        Assert.Equal(text, machine.StatusText);
    }

    [Fact]
    public async Task A_printer_that_accepts_but_never_answers_is_an_ERROR_status_timeout()
    {
        _zebra.Mode = FakeZebra.Behavior.Silent;
        using var machine = Machine(timeoutSeconds: 0.5);

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.StartsWith("Status timeout: ", machine.StatusText);
        Assert.Contains("did not complete", machine.StatusText);
    }

    [Fact]
    public async Task A_faulted_Zebra_that_stays_silent_is_an_ERROR_status_timeout_not_DISCONNECTED()
    {
        _zebra.SilentWhenFaulted = true;
        _zebra.Errors = ZebraErrorFlags.HeadOpen;
        using var machine = Machine(timeoutSeconds: 0.5);

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.StartsWith("Status timeout: ", machine.StatusText);
    }

    [Fact]
    public async Task A_refused_connection_is_DISCONNECTED_and_init_still_succeeds()
    {
        _zebra.StopListening();
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
        Assert.StartsWith($"Cannot reach the printer: Could not connect to printer 127.0.0.1:{_zebra.Port}", machine.StatusText);
    }

    [Fact]
    public async Task A_printer_that_hangs_up_at_once_is_DISCONNECTED()
    {
        _zebra.Mode = FakeZebra.Behavior.CloseOnConnect;
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_status_is_an_ERROR()
    {
        _zebra.CannedAnswer = "\u0002HELLO\u0003\r\n\u0002A\u0003\u0002B\u0003\u0002C\u0003";
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.StartsWith("Unreadable status answer: ", machine.StatusText);
    }

    [Fact]
    public async Task A_ZPL_label_is_sent_as_it_is_once_per_copy()
    {
        using var machine = Machine();
        const string Zpl = "^XA^FO20,20^A0N,40,40^FDBin 7 \u00e4^FS^XZ";
        var label = new Label(Encoding.UTF8.GetBytes(Zpl), "application/zpl; charset=utf-8");

        await _driver.PrintLabels(machine, Jobs.Of(3, label), IPrintProgress.None, CancellationToken.None);

        var sent = await ConnectionsAsync(2);
        Assert.Equal(StatusQuery, Ascii(sent[0]));
        Assert.Equal(Encoding.UTF8.GetBytes(Zpl + Zpl + Zpl), sent[1]);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal("Ready", machine.StatusText);
    }

    [Theory]
    [InlineData("text/zpl")]
    [InlineData("application/x-zpl")]
    [InlineData("text/x-zpl")]
    [InlineData("application/vnd.zebra-zpl")]
    public async Task Every_name_of_ZPL_is_sent_as_it_is(string contentType)
    {
        using var machine = Machine();

        await _driver.PrintLabels(machine, Jobs.Of(new Label("^XA^XZ"u8.ToArray(), contentType)), IPrintProgress.None, CancellationToken.None);

        Assert.Equal("^XA^XZ", Ascii((await ConnectionsAsync(2))[1]));
    }

    [Fact]
    public async Task A_text_label_becomes_a_ZPL_format_with_PQ_for_the_copies()
    {
        using var machine = Machine();

        await _driver.PrintLabels(machine, Jobs.Of(2, Label.FromText("Shelf A-12\n^Bin_7~")), IPrintProgress.None, CancellationToken.None);

        Assert.Equal(
            "^XA^CI28^FO30,30^A0N,30,30^FH_^FDShelf A-12^FS^FO30,67^A0N,30,30^FH_^FD_5EBin_5F7_7E^FS^PQ2^XZ",
            Encoding.UTF8.GetString((await ConnectionsAsync(2))[1]));
    }

    [Fact]
    public async Task A_single_copy_of_a_text_label_has_no_PQ_and_follows_DPMM()
    {
        using var machine = Machine(("DPMM", "12"));

        await _driver.PrintLabels(machine, Jobs.Text("\u00c4rger"), IPrintProgress.None, CancellationToken.None);

        Assert.Equal("^XA^CI28^FO45,45^A0N,45,45^FH_^FD\u00c4rger^FS^XZ", Encoding.UTF8.GetString((await ConnectionsAsync(2))[1]));
    }

    [Fact]
    public async Task A_latin1_text_label_is_decoded_with_its_charset()
    {
        using var machine = Machine();
        var label = new Label(Encoding.Latin1.GetBytes("M\u00fcller"), "text/plain; charset=iso-8859-1");

        await _driver.PrintLabels(machine, Jobs.Of(label), IPrintProgress.None, CancellationToken.None);

        Assert.Equal("^XA^CI28^FO30,30^A0N,30,30^FH_^FDM\u00fcller^FS^XZ", Encoding.UTF8.GetString((await ConnectionsAsync(2))[1]));
    }

    [Fact]
    public async Task Each_label_of_a_job_is_checked_then_sent_and_progress_is_reported()
    {
        using var machine = Machine();
        var progress = new RecordingProgress();

        await _driver.PrintLabels(machine, Jobs.Of(Jobs.Zpl("^XA^FDone^XZ"), Jobs.Zpl("^XA^FDtwo^XZ")), progress, CancellationToken.None);

        var sent = (await ConnectionsAsync(4)).Select(Ascii).ToList();
        Assert.Equal(2, sent.Count(c => c == StatusQuery));
        Assert.Contains("^XA^FDone^XZ", sent);
        Assert.Contains("^XA^FDtwo^XZ", sent);
        Assert.Equal(["label 0", "50%", "label 1", "100%"], progress.Events);
        Assert.Contains(machine.History, change => change.Status == LabelPrinterStatuses.Printing && change.Text.StartsWith("Sending label 2 of 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Media_out_fails_the_label_with_NO_MEDIA_and_sends_nothing()
    {
        _zebra.Errors = ZebraErrorFlags.MediaOut;
        using var machine = Machine();

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.Equal("The printer cannot print label 0: Media out", error.Message);
        Assert.Equal(0, error.LabelIndex);
        Assert.False(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.NoMedia, machine.Status);
        Assert.Equal(StatusQuery, Ascii(await _zebra.NextConnectionAsync()));
        Assert.Equal(1, _zebra.ConnectionCount);
    }

    [Theory]
    [InlineData(ZebraErrorFlags.HeadOpen, "Head open")]
    [InlineData(ZebraErrorFlags.RibbonOut, "Ribbon out")]
    public async Task Head_open_or_ribbon_out_fails_the_label_with_ERROR(ZebraErrorFlags errors, string text)
    {
        _zebra.Errors = errors;
        using var machine = Machine();

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.EndsWith(text, error.Message);
        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.Equal(text, machine.StatusText);
        Assert.Equal(1, _zebra.ConnectionCount);
    }

    [Fact]
    public async Task A_paused_printer_still_gets_the_label_and_shows_that_it_waits_there()
    {
        _zebra.Paused = true;
        using var machine = Machine();

        await _driver.PrintLabels(machine, Jobs.Of(Jobs.Zpl("^XA^FDqueued^XZ")), IPrintProgress.None, CancellationToken.None);

        Assert.Equal("^XA^FDqueued^XZ", Ascii((await ConnectionsAsync(2))[1]));
        Assert.Equal(LabelPrinterStatuses.Warning, machine.Status);
        Assert.Equal("Paused; sent labels wait in the printer until it is resumed", machine.StatusText);
    }

    [Fact]
    public async Task A_silent_printer_fails_the_label_with_ERROR_status_timeout()
    {
        _zebra.Mode = FakeZebra.Behavior.Silent;
        using var machine = Machine(timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.StartsWith("The printer cannot print label 0: Status timeout: ", error.Message);
        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.Equal(1, _zebra.ConnectionCount);
    }

    [Fact]
    public async Task A_refused_connection_fails_the_label_with_DISCONNECTED()
    {
        _zebra.StopListening();
        using var machine = Machine();

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.StartsWith("The printer cannot print label 0: Cannot reach the printer: ", error.Message);
        Assert.False(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    public async Task An_unsupported_content_type_fails_before_the_printer_is_contacted(string contentType)
    {
        using var machine = Machine();

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => _driver.PrintLabels(machine, Jobs.Of(new Label(new byte[] { 1, 2 }, contentType)), IPrintProgress.None, CancellationToken.None));

        Assert.Equal($"Label 0 has unsupported content type '{contentType}'; the ZPL printer takes application/zpl or text/plain.", error.Message);
        Assert.Equal(0, _zebra.ConnectionCount);
        Assert.DoesNotContain(machine.History, change => change.Status == LabelPrinterStatuses.Error);
    }

    [Fact]
    public void Settings_have_the_documented_defaults_and_rules()
    {
        using var machine = new FakeMachine(_driver);
        var host = _driver.Settings.Single(s => s.Key == "HOST");

        Assert.True(host.Required);
        Assert.Equal(9100, machine.GetSetting("PORT", SettingConfigType.Driver));
        Assert.Equal(5.0, machine.GetSetting("TIMEOUT", SettingConfigType.Driver));
        Assert.Equal("8", machine.GetSetting("DPMM", SettingConfigType.Driver));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("DPMM", SettingConfigType.Driver, "10"));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("PORT", SettingConfigType.Driver, 70000));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("TIMEOUT", SettingConfigType.Driver, 0));
    }

    private FakeMachine Machine(params (string Key, object? Value)[] settings) => Machine(5, settings);

    private FakeMachine Machine(double timeoutSeconds, params (string Key, object? Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => s.Value);
        values["HOST"] = _zebra.Host;
        values["PORT"] = _zebra.Port;
        values["TIMEOUT"] = timeoutSeconds;
        return new FakeMachine(_driver, values);
    }

    /// <summary>The bytes of the next <paramref name="count"/> connections, status queries first (connections close in any order).</summary>
    private async Task<List<byte[]>> ConnectionsAsync(int count)
    {
        var connections = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            connections.Add(await _zebra.NextConnectionAsync());
        }

        return connections.OrderBy(bytes => Ascii(bytes) == StatusQuery ? 0 : 1).ToList();
    }

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
