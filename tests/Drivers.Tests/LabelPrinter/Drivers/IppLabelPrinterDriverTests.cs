using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Drivers.Tests.Ipp;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

using MachineActors.Actors.TestKit;

namespace MachineActors.Drivers.Tests.LabelPrinter.Drivers;

/// <summary>
/// The IPP driver against a real ippeveprinter. Tests that change the printer (media, kill, restart, failing jobs)
/// start their own; the status poll runs on a manual clock, so a poll happens exactly when a test advances it. Every
/// driver call gets a token that ends it after 30 s, so a driver that waits for ever fails the test instead of hanging it.
/// </summary>
public sealed class IppLabelPrinterDriverTests(IppEvePrinterFixture printer) : IClassFixture<IppEvePrinterFixture>, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _limit = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _limit.Dispose();

    [Fact]
    public async Task InitMachine_shows_CONNECTED_and_starts_a_poll_that_ends_when_the_machine_stops()
    {
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, printer);

        await driver.InitMachine(machine, _limit.Token);

        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal("Idle", machine.StatusText);
        await time.WaitForTimersAsync(1);

        machine.Stop();

        await time.WaitForTimersAsync(0);
        var printed = await Assert.ThrowsAsync<InvalidOperationException>(
            () => driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, _limit.Token));
        Assert.Contains("was not initialised", printed.Message);
    }

    [Fact]
    public async Task A_poll_interval_of_zero_starts_no_poll()
    {
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, printer, ("POLL_INTERVAL", 0));

        await driver.InitMachine(machine, _limit.Token);

        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task Initialising_again_replaces_the_poll_instead_of_adding_one()
    {
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, printer);
        await driver.InitMachine(machine, _limit.Token);
        await time.WaitForTimersAsync(1);

        await driver.RestartMachine(machine, _limit.Token);

        await time.WaitForTimersAsync(1);
        machine.Stop();
        await time.WaitForTimersAsync(0);
    }

    [Fact]
    public async Task Printing_a_text_label_puts_its_exact_bytes_in_the_printers_spool_folder()
    {
        var driver = new IppLabelPrinterDriver();
        using var machine = Machine(driver, printer, ("POLL_INTERVAL", 0));
        await driver.InitMachine(machine, _limit.Token);
        var name = $"shelf-{Guid.NewGuid():N}";
        var label = Label.FromText("Shelf A-12\nWidget, blue\n\u00e4\u00f6\u00fc \u20ac 42\n", name);
        var progress = new RecordingProgress();

        await driver.PrintLabels(machine, Jobs.Of(label), progress, _limit.Token);

        var spooled = Assert.Single(Directory.GetFiles(printer.SpoolDirectory, $"*-{name}.dat"));
        Assert.Equal(label.Content.ToArray(), await File.ReadAllBytesAsync(spooled));
        Assert.Equal(["label 0", "100%"], progress.Events);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Contains(machine.History, change => change.Status == LabelPrinterStatuses.Printing && change.Text.StartsWith("Printing label 1 of 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_label_of_a_job_is_its_own_IPP_job_and_copies_are_accepted()
    {
        var driver = new IppLabelPrinterDriver();
        using var machine = Machine(driver, printer, ("POLL_INTERVAL", 0));
        await driver.InitMachine(machine, _limit.Token);
        var job = Jobs.Of(2, Label.FromText("first"), Label.FromText("second"));

        await driver.PrintLabels(machine, job, IPrintProgress.None, _limit.Token);

        var files = Directory.GetFiles(printer.SpoolDirectory, $"*-{job.Id:N}-*.dat").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal("first", await File.ReadAllTextAsync(Assert.Single(files, f => f.EndsWith($"-{job.Id:N}-0.dat", StringComparison.Ordinal))));
        Assert.Equal("second", await File.ReadAllTextAsync(Assert.Single(files, f => f.EndsWith($"-{job.Id:N}-1.dat", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_format_the_printer_refuses_fails_the_label_and_leaves_the_printer_CONNECTED()
    {
        var driver = new IppLabelPrinterDriver();
        using var machine = Machine(driver, printer, ("POLL_INTERVAL", 0));
        await driver.InitMachine(machine, _limit.Token);

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => driver.PrintLabels(machine, Jobs.Of(Jobs.Zpl("^XA^XZ")), IPrintProgress.None, _limit.Token));

        Assert.StartsWith("The printer refused label 0: IPP PrintJob failed: client-error-attributes-or-values-not-supported", error.Message);
        Assert.Contains("document-format=application/zpl", error.Message);
        Assert.Equal(0, error.LabelIndex);
        Assert.False(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
    }

    [Fact]
    public async Task Emptying_the_media_shows_NO_MEDIA_after_the_next_poll_and_refilling_shows_CONNECTED()
    {
        await using var own = await StartPrinterAsync();
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, own);
        await driver.InitMachine(machine, _limit.Token);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        await time.WaitForTimersAsync(1);

        await own.SetMainTrayLevelAsync(0);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        time.Advance(PollInterval);

        await machine.WaitForStatusAsync(LabelPrinterStatuses.NoMedia, "Idle: media empty (report)");
        await time.WaitForTimersAsync(1);

        await own.SetMainTrayLevelAsync(250);
        time.Advance(PollInterval);

        await machine.WaitForStatusAsync(LabelPrinterStatuses.Connected, "Idle");
    }

    [Fact]
    public async Task Printing_without_media_fails_with_NO_MEDIA_and_sends_no_job()
    {
        await using var own = await StartPrinterAsync();
        var driver = new IppLabelPrinterDriver();
        using var machine = Machine(driver, own, ("POLL_INTERVAL", 0));
        await driver.InitMachine(machine, _limit.Token);
        await own.SetMainTrayLevelAsync(0);

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => driver.PrintLabels(machine, Jobs.Text("no paper"), IPrintProgress.None, _limit.Token));

        Assert.Equal("The printer cannot print label 0: Idle: media empty (report)", error.Message);
        Assert.False(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.NoMedia, machine.Status);
        Assert.Empty(Directory.GetFiles(own.SpoolDirectory));
    }

    [Fact]
    public async Task Killing_the_printer_shows_DISCONNECTED_after_the_next_poll_and_its_return_shows_CONNECTED()
    {
        await using var own = await StartPrinterAsync();
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, own);
        await driver.InitMachine(machine, _limit.Token);
        await time.WaitForTimersAsync(1);

        await own.StopPrinterAsync();
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        time.Advance(PollInterval);

        await machine.WaitForStatusAsync(LabelPrinterStatuses.Disconnected, "Cannot reach the printer: ");
        Assert.Contains($"127.0.0.1:{own.Port}", machine.StatusText);
        await time.WaitForTimersAsync(1);

        await own.StartPrinterAsync();
        time.Advance(PollInterval);

        await machine.WaitForStatusAsync(LabelPrinterStatuses.Connected, "Idle");
    }

    [Fact]
    public async Task A_printer_that_is_off_at_init_is_DISCONNECTED_refuses_labels_and_is_found_by_the_poll()
    {
        await using var own = await StartPrinterAsync();
        await own.StopPrinterAsync();
        var time = new TestTimeProvider();
        var driver = new IppLabelPrinterDriver { TimeProvider = time };
        using var machine = Machine(driver, own);

        await driver.InitMachine(machine, _limit.Token);

        Assert.Equal(LabelPrinterStatuses.Disconnected, machine.Status);
        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, _limit.Token));
        Assert.StartsWith("The printer cannot print label 0: Cannot reach the printer: ", error.Message);
        Assert.False(error.MayHavePrinted);
        await time.WaitForTimersAsync(1);

        await own.StartPrinterAsync();
        time.Advance(PollInterval);

        await machine.WaitForStatusAsync(LabelPrinterStatuses.Connected, "Idle");
    }

    [Fact]
    public async Task A_job_the_printer_aborts_fails_the_label_with_the_printers_reasons()
    {
        await using var own = await StartPrinterAsync("/bin/false");
        var driver = new IppLabelPrinterDriver();
        using var machine = Machine(driver, own, ("POLL_INTERVAL", 0));
        await driver.InitMachine(machine, _limit.Token);

        var error = await Assert.ThrowsAsync<PrintFailedException>(
            () => driver.PrintLabels(machine, Jobs.Text("doomed"), IPrintProgress.None, _limit.Token));

        Assert.Matches(@"^The printer aborted IPP job \d+ for label 0: aborted-by-system \(Job aborted\.\); printer: Idle$", error.Message);
        Assert.Equal(0, error.LabelIndex);
        Assert.False(error.MayHavePrinted);
    }

    private static FakeMachine Machine(IppLabelPrinterDriver driver, IppEvePrinterFixture target, params (string Key, object? Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => s.Value);
        values["PRINTER_URI"] = target.PrinterUri.ToString();
        values["TIMEOUT"] = 5;
        return new FakeMachine(driver, values);
    }

    private static async Task<IppEvePrinterFixture> StartPrinterAsync(string command = "/bin/true")
    {
        var own = new IppEvePrinterFixture { Command = command };
        await own.InitializeAsync();
        return own;
    }
}
