using System.Net;
using System.Text;
using MachineActors.Drivers.Ipp;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Drivers.Tests.Ipp;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

using MachineActors.Actors.TestKit;

namespace MachineActors.Drivers.Tests.LabelPrinter.Drivers;

/// <summary>
/// The IPP driver against a scripted printer, for what ippeveprinter cannot be made to do on demand: jams, covers,
/// held jobs, lost connections, HTTP errors. Job checks and polls run on a manual clock.
/// </summary>
public sealed class IppLabelPrinterDriverScriptedTests : IDisposable
{
    private const string Uri = "ipp://printer.test:631/ipp/print";
    private readonly ScriptedIppPrinter _printer = new();
    private readonly TestTimeProvider _time = new();
    private readonly IppLabelPrinterDriver _driver;
    private readonly CancellationTokenSource _limit = new(TimeSpan.FromSeconds(30));

    public IppLabelPrinterDriverScriptedTests()
    {
        _driver = new IppLabelPrinterDriver(_printer.Handler) { TimeProvider = _time };
        _printer.JobStates.Enqueue((IppJobState.Completed, ["job-completed-successfully"]));
    }

    public void Dispose() => _limit.Dispose();

    public static TheoryData<int?, string, string, string> Conditions => new()
    {
        { 3, "none", "CONNECTED", "Idle" },
        { 4, "none", "PRINTING", "Printing" },
        { 3, "toner-low-warning", "WARNING", "Idle: toner low (warning)" },
        { 3, "paused", "WARNING", "Idle: paused" },
        { 3, "media-needed", "NO_MEDIA", "Idle: media needed" },
        { 3, "media-jam-error", "PAPER_JAM", "Idle: media jam (error)" },
        { 3, "cover-open-error", "ERROR", "Idle: cover open (error)" },
        { 5, "none", "ERROR", "Stopped" },
        { null, "none", "UNKNOWN", "State unknown" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task Printer_state_and_reasons_map_to_status_and_text(int? state, string reason, string status, string text)
    {
        _printer.PrinterState = state;
        _printer.Reasons = [reason];
        using var machine = Machine();

        await _driver.InitMachine(machine, _limit.Token);

        Assert.Equal(status, machine.Status.Name);
        Assert.Equal(text, machine.StatusText);
    }

    [Theory]
    [InlineData(IppPrinterCondition.Ready, "CONNECTED")]
    [InlineData(IppPrinterCondition.Printing, "PRINTING")]
    [InlineData(IppPrinterCondition.Warning, "WARNING")]
    [InlineData(IppPrinterCondition.NoMedia, "NO_MEDIA")]
    [InlineData(IppPrinterCondition.PaperJam, "PAPER_JAM")]
    [InlineData(IppPrinterCondition.Error, "ERROR")]
    [InlineData(IppPrinterCondition.Unknown, "UNKNOWN")]
    public void Every_condition_has_a_status(IppPrinterCondition condition, string status)
    {
        Assert.Equal(status, IppLabelPrinterDriver.StatusFor(condition).Name);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "(the printer wants credentials)")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "answered HTTP 503")]
    public async Task An_HTTP_error_is_an_ERROR_not_DISCONNECTED(HttpStatusCode code, string text)
    {
        _printer.Before = _ => new HttpResponseMessage(code);
        using var machine = Machine();

        await _driver.InitMachine(machine, _limit.Token);

        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.StartsWith("The printer answered with an error: ", machine.StatusText);
        Assert.Contains(text, machine.StatusText);
    }

    [Fact]
    public async Task An_answer_that_is_not_IPP_is_an_ERROR()
    {
        _printer.Before = _ => StubHttpMessageHandler.Ipp("<html/>"u8.ToArray(), "text/html");
        using var machine = Machine();

        await _driver.InitMachine(machine, _limit.Token);

        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.Contains("expected application/ipp", machine.StatusText);
    }

    [Fact]
    public async Task Print_job_carries_format_name_copies_media_and_credentials()
    {
        using var machine = Machine(("USERNAME", "label"), ("PASSWORD", "s3cret"), ("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        var options = _driver.ParsePrintOptions(new Dictionary<string, object?> { ["copies"] = "3", ["media"] = "oe_4x6-label_4x6in" }).Options!;
        var label = new Label(Encoding.UTF8.GetBytes("Bin 7"), "Text/Plain; charset=utf-8", "bin-7");

        await PumpAsync(_driver.PrintLabels(machine, new PrintJob(Guid.NewGuid(), [label], options), IPrintProgress.None, _limit.Token));

        var printJob = Assert.Single(_printer.Requests, r => r.Operation == IppOperation.PrintJob);
        Assert.Equal(Uri, printJob.Find(IppGroupTag.Operation, "printer-uri")!.AsString());
        Assert.Equal("text/plain", printJob.Find(IppGroupTag.Operation, "document-format")!.AsString());
        Assert.Equal("bin-7", printJob.Find(IppGroupTag.Operation, "job-name")!.AsString());
        Assert.Equal(3, printJob.Find(IppGroupTag.Job, "copies")!.AsInteger());
        Assert.Equal("oe_4x6-label_4x6in", printJob.Find(IppGroupTag.Job, "media")!.AsString());
        Assert.Equal("Bin 7", Encoding.UTF8.GetString(printJob.Data.Span));
        var authorization = _printer.Handler.Requests.Last().Request.Headers.Authorization!;
        Assert.Equal("Basic", authorization.Scheme);
        Assert.Equal("label:s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter!)));
    }

    [Fact]
    public async Task An_unnamed_label_is_named_after_its_job_and_index_and_one_copy_sends_no_copies()
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        var job = Jobs.Text("a", "b");

        await PumpAsync(_driver.PrintLabels(machine, job, IPrintProgress.None, _limit.Token));

        var printJobs = _printer.Requests.Where(r => r.Operation == IppOperation.PrintJob).ToArray();
        Assert.Equal([$"{job.Id:N}-0", $"{job.Id:N}-1"], printJobs.Select(r => r.Find(IppGroupTag.Operation, "job-name")!.AsString()));
        Assert.All(printJobs, r => Assert.Null(r.FindGroup(IppGroupTag.Job)));
    }

    [Theory]
    [InlineData(252)]
    [InlineData(253)]
    [InlineData(254)]
    public async Task A_long_job_name_is_cut_to_255_UTF8_bytes_without_splitting_a_surrogate_pair(int asciiLength)
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        var ascii = new string('x', asciiLength);
        var label = new Label(Encoding.UTF8.GetBytes("Bin 7"), "text/plain", ascii + "\U0001F600 and more");

        await PumpAsync(_driver.PrintLabels(machine, Jobs.Of(label), IPrintProgress.None, _limit.Token));

        var printJob = Assert.Single(_printer.Requests, r => r.Operation == IppOperation.PrintJob);
        Assert.Equal(ascii, printJob.Find(IppGroupTag.Operation, "job-name")!.AsString());
    }

    [Fact]
    public async Task A_job_the_printer_holds_for_media_shows_NO_MEDIA_while_it_waits_then_completes()
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        _printer.JobStates.Clear();
        _printer.JobStates.Enqueue((IppJobState.Processing, ["job-printing"]));
        _printer.JobStates.Enqueue((IppJobState.Processing, ["job-printing"]));
        _printer.JobStates.Enqueue((IppJobState.Completed, ["job-completed-successfully"]));
        _printer.Before = request =>
        {
            if (request.Operation == IppOperation.PrintJob)
            {
                (_printer.PrinterState, _printer.Reasons) = (4, ["media-empty-warning", "media-needed-warning"]);
            }
            else if (request.Operation == IppOperation.GetJobAttributes && _printer.JobStates.Count == 1)
            {
                (_printer.PrinterState, _printer.Reasons) = (3, ["none"]);
            }

            return null;
        };

        await PumpAsync(_driver.PrintLabels(machine, Jobs.Text("waits for paper"), IPrintProgress.None, _limit.Token));

        Assert.Contains(machine.History, change => change.Status == LabelPrinterStatuses.NoMedia && change.Text == "Printing: media empty (warning), media needed (warning)");
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal("Idle", machine.StatusText);
    }

    [Fact]
    public async Task Cancelling_while_the_printer_holds_the_job_ends_the_wait_and_keeps_the_status()
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        _printer.JobStates.Clear();
        _printer.JobStates.Enqueue((IppJobState.ProcessingStopped, ["printer-stopped"]));
        _printer.Before = request =>
        {
            if (request.Operation == IppOperation.PrintJob)
            {
                (_printer.PrinterState, _printer.Reasons) = (5, ["media-jam-error"]);
            }

            return null;
        };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_limit.Token);

        var printing = _driver.PrintLabels(machine, Jobs.Text("stuck"), IPrintProgress.None, cancel.Token);
        await _time.WaitForTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(2));
        await machine.WaitForStatusAsync(LabelPrinterStatuses.PaperJam);
        await _time.WaitForTimersAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => printing);
        Assert.Equal(LabelPrinterStatuses.PaperJam, machine.Status);
    }

    [Theory]
    [InlineData(IppJobState.Canceled, "canceled")]
    [InlineData(IppJobState.Aborted, "aborted")]
    public async Task A_job_that_ends_without_completing_fails_with_the_printers_reasons(IppJobState state, string verb)
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        _printer.JobStates.Clear();
        _printer.JobStates.Enqueue((state, ["job-canceled-at-device"]));

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => PumpAsync(_driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, _limit.Token)));

        Assert.Equal($"The printer {verb} IPP job 7 for label 0: job-canceled-at-device; printer: Idle", error.Message);
        Assert.False(error.MayHavePrinted);
    }

    [Fact]
    public async Task Losing_the_printer_while_waiting_for_the_job_is_DISCONNECTED_and_may_have_printed()
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        _printer.Before = request => request.Operation == IppOperation.GetJobAttributes
            ? throw new HttpRequestException("Connection reset by peer")
            : null;

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => PumpAsync(_driver.PrintLabels(machine, Jobs.Text("a", "b"), IPrintProgress.None, _limit.Token)));

        Assert.StartsWith("Lost the printer while waiting for IPP job 7 (label 0); the label may have printed: ", error.Message);
        Assert.True(error.MayHavePrinted);
        Assert.Equal(0, error.LabelIndex);
        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
        Assert.Single(_printer.Requests, r => r.Operation == IppOperation.PrintJob);
    }

    [Fact]
    public async Task Losing_the_answer_to_Print_Job_may_have_printed()
    {
        using var machine = Machine(("POLL_INTERVAL", 0));
        await _driver.InitMachine(machine, _limit.Token);
        _printer.Before = request => request.Operation == IppOperation.PrintJob
            ? throw new HttpRequestException("Connection reset by peer")
            : null;

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, _limit.Token));

        Assert.StartsWith("Lost the printer while sending label 0; the label may have printed: ", error.Message);
        Assert.True(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
    }

    [Fact]
    public async Task The_poll_survives_a_failure_it_did_not_expect_and_shows_it()
    {
        using var machine = Machine();
        await _driver.InitMachine(machine, _limit.Token);
        await _time.WaitForTimersAsync(1);
        _printer.Before = _ => throw new InvalidOperationException("handler broke");

        _time.Advance(TimeSpan.FromSeconds(30));

        await machine.WaitForStatusAsync(LabelPrinterStatuses.Error, "Status poll failed: handler broke");
        await _time.WaitForTimersAsync(1);
        _printer.Before = null;
        _time.Advance(TimeSpan.FromSeconds(30));
        await machine.WaitForStatusAsync(LabelPrinterStatuses.Connected, "Idle");
        machine.Stop();
    }

    [Fact]
    public void Settings_have_the_documented_defaults_and_rules()
    {
        using var machine = new FakeMachine(_driver);
        var byKey = _driver.Settings.ToDictionary(s => s.Key);

        Assert.True(byKey["PRINTER_URI"].Required);
        Assert.True(byKey["PASSWORD"].Protected);
        Assert.False(byKey["USERNAME"].Protected);
        Assert.Equal(10.0, machine.GetSetting("TIMEOUT", SettingConfigType.Driver));
        Assert.Equal(30, machine.GetSetting("POLL_INTERVAL", SettingConfigType.Driver));
        machine.SetSetting("PRINTER_URI", SettingConfigType.Driver, "ipps://printer.local/ipp/print");
        Assert.Throws<ArgumentException>(() => machine.SetSetting("PRINTER_URI", SettingConfigType.Driver, "ftp://printer.local/"));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("PRINTER_URI", SettingConfigType.Driver, "printer.local"));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("TIMEOUT", SettingConfigType.Driver, 0));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("POLL_INTERVAL", SettingConfigType.Driver, -1));
        machine.SetSetting("POLL_INTERVAL", SettingConfigType.Driver, 0);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public async Task A_change_reconnects_only_a_running_machine(bool active, bool initialized, bool reconnects)
    {
        using var machine = Machine();
        machine.Active = active;
        machine.Initialized = initialized;

        var oldState = new MachineState
        {
            Id = machine.Id,
            Name = machine.Name,
            MachineTypeSlug = machine.MachineTypeSlug,
            DriverSlug = machine.DriverSlug,
            Status = machine.Status,
        };

        await _driver.UpdateMachine(oldState, machine, _limit.Token);

        Assert.Equal(reconnects, _printer.Requests.Any(r => r.Operation == IppOperation.GetPrinterAttributes));
    }

    private FakeMachine Machine(params (string Key, object? Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => s.Value);
        values["PRINTER_URI"] = Uri;
        return new FakeMachine(_driver, values);
    }

    /// <summary>Moves the manual clock past each job check until <paramref name="printing"/> ends.</summary>
    private async Task PumpAsync(Task printing)
    {
        while (!printing.IsCompleted)
        {
            var armed = _time.WaitForTimersAsync(1);
            if (await Task.WhenAny(printing, armed) == armed && !printing.IsCompleted)
            {
                await armed;
                _time.Advance(TimeSpan.FromSeconds(2));
            }
        }

        await printing;
    }
}
