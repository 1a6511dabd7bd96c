using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;

using MachineActors.Machines.Printing;

using MachineActors.Actors.TestKit;

namespace MachineActors.Drivers.Tests.LabelPrinter.Drivers;

public sealed class VirtualLabelPrinterDriverTests : IDisposable
{
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "virtual-spool-" + Guid.NewGuid().ToString("N"), "labels");
    private readonly TestTimeProvider _time = new();
    private readonly VirtualLabelPrinterDriver _driver;

    public VirtualLabelPrinterDriverTests()
    {
        _driver = new VirtualLabelPrinterDriver { TimeProvider = _time };
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_spool)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task InitMachine_creates_the_spool_folder_and_shows_connected()
    {
        using var machine = Machine();

        await _driver.InitMachine(machine, CancellationToken.None);

        Assert.True(Directory.Exists(_spool));
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Equal($"Spooling to {_spool}", machine.StatusText);
    }

    [Fact]
    public async Task A_relative_spool_folder_resolves_against_the_current_directory()
    {
        var relative = "virtual-spool-" + Guid.NewGuid().ToString("N");
        using var machine = new FakeMachine(_driver, new Dictionary<string, object?> { ["SPOOL_DIR"] = relative });
        try
        {
            await _driver.InitMachine(machine, CancellationToken.None);

            Assert.True(Directory.Exists(Path.Combine(Environment.CurrentDirectory, relative)));
            Assert.Equal($"Spooling to {Path.Combine(Environment.CurrentDirectory, relative)}", machine.StatusText);
        }
        finally
        {
            Directory.Delete(Path.Combine(Environment.CurrentDirectory, relative), recursive: true);
        }
    }

    [Fact]
    public async Task Each_copy_of_each_label_is_one_file_holding_the_exact_bytes()
    {
        using var machine = Machine();
        await _driver.InitMachine(machine, CancellationToken.None);
        var text = Label.FromText("Shelf A-12\n\u00c4rger \u20ac");
        var zpl = Jobs.Zpl("^XA^FO20,20^FDbin 7^FS^XZ");
        var pdf = new Label(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0xFF }, "application/pdf");
        var job = Jobs.Of(2, text, zpl, pdf);
        var progress = new RecordingProgress();

        await _driver.PrintLabels(machine, job, progress, CancellationToken.None);

        var id = job.Id.ToString("D");
        Assert.Equal(
            [
                $"{id}_label0000_copy0001.txt", $"{id}_label0000_copy0002.txt",
                $"{id}_label0001_copy0001.zpl", $"{id}_label0001_copy0002.zpl",
                $"{id}_label0002_copy0001.pdf", $"{id}_label0002_copy0002.pdf",
            ],
            SpoolFiles());
        Assert.Equal(text.Content.ToArray(), File.ReadAllBytes(Path.Combine(_spool, $"{id}_label0000_copy0002.txt")));
        Assert.Equal(zpl.Content.ToArray(), File.ReadAllBytes(Path.Combine(_spool, $"{id}_label0001_copy0001.zpl")));
        Assert.Equal(pdf.Content.ToArray(), File.ReadAllBytes(Path.Combine(_spool, $"{id}_label0002_copy0002.pdf")));
        Assert.Equal(["label 0", "33%", "label 1", "66%", "label 2", "100%"], progress.Events);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        Assert.Contains(machine.History, change => change.Status == LabelPrinterStatuses.Printing && change.Text == $"Printing job {job.Id}");
    }

    [Fact]
    public async Task Printing_the_same_job_again_rewrites_the_same_files()
    {
        using var machine = Machine();
        await _driver.InitMachine(machine, CancellationToken.None);
        var job = Jobs.Text("once");

        await _driver.PrintLabels(machine, job, IPrintProgress.None, CancellationToken.None);
        await _driver.PrintLabels(machine, job, IPrintProgress.None, CancellationToken.None);

        Assert.Equal([$"{job.Id:D}_label0000_copy0001.txt"], SpoolFiles());
    }

    [Fact]
    public async Task The_delay_is_taken_from_the_drivers_clock_for_every_copy()
    {
        using var machine = Machine(("DELAY_MS", 1500));
        await _driver.InitMachine(machine, CancellationToken.None);
        var job = Jobs.Of(2, Label.FromText("slow"));

        var printing = _driver.PrintLabels(machine, job, IPrintProgress.None, CancellationToken.None);

        await _time.WaitForTimersAsync(1);
        Assert.Empty(SpoolFiles());
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Empty(SpoolFiles());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _time.WaitForTimersAsync(1);
        Assert.Equal([$"{job.Id:D}_label0000_copy0001.txt"], SpoolFiles());
        Assert.False(printing.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1500));
        await printing;

        Assert.Equal(2, SpoolFiles().Count);
        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
    }

    [Fact]
    public async Task Cancelling_during_the_delay_writes_nothing_and_leaves_no_temp_file()
    {
        using var machine = Machine(("DELAY_MS", 1000));
        await _driver.InitMachine(machine, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var printing = _driver.PrintLabels(machine, Jobs.Text("never"), IPrintProgress.None, cancel.Token);
        await _time.WaitForTimersAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => printing);
        Assert.Empty(Directory.GetFileSystemEntries(_spool));
    }

    [Fact]
    public async Task Simulated_media_out_shows_NO_MEDIA_and_fails_without_writing()
    {
        using var machine = Machine(("SIMULATE", "media-out"));
        await _driver.InitMachine(machine, CancellationToken.None);
        Assert.Equal(LabelPrinterStatuses.NoMedia, machine.Status);

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.Equal("The virtual printer is out of media (simulated); label 0 was not printed.", error.Message);
        Assert.Equal(0, error.LabelIndex);
        Assert.False(error.MayHavePrinted);
        Assert.Equal(LabelPrinterStatuses.NoMedia, machine.Status);
        Assert.Equal("Out of media (simulated)", machine.StatusText);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public async Task Simulated_paper_jam_shows_PAPER_JAM_and_fails_without_writing()
    {
        using var machine = Machine(("SIMULATE", "paper-jam"));
        await _driver.InitMachine(machine, CancellationToken.None);
        Assert.Equal(LabelPrinterStatuses.PaperJam, machine.Status);

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.Contains("paper jam", error.Message);
        Assert.Equal(LabelPrinterStatuses.PaperJam, machine.Status);
        Assert.Equal("Paper jam (simulated)", machine.StatusText);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public async Task Clearing_the_simulated_fault_makes_the_printer_connected_again()
    {
        using var machine = Machine(("SIMULATE", "media-out"));
        await _driver.InitMachine(machine, CancellationToken.None);
        var before = new MachineActors.Machines.MachineState
        {
            Id = machine.Id,
            Name = machine.Name,
            MachineTypeSlug = machine.MachineTypeSlug,
            DriverSlug = machine.DriverSlug,
            Status = machine.Status,
        };

        machine.SetSetting("SIMULATE", MachineActors.Machines.SettingConfigType.Driver, "none");
        await _driver.UpdateMachine(before, machine, CancellationToken.None);

        Assert.Equal(LabelPrinterStatuses.Connected, machine.Status);
        await _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None);
        Assert.Single(SpoolFiles());
    }

    [Fact]
    public async Task A_spool_folder_that_cannot_be_written_fails_the_label_with_ERROR()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_spool)!);
        await File.WriteAllTextAsync(_spool, "a file where the folder should be");
        using var machine = Machine();

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => _driver.PrintLabels(machine, Jobs.Text("a"), IPrintProgress.None, CancellationToken.None));

        Assert.Equal(0, error.LabelIndex);
        Assert.Contains(_spool, error.Message);
        Assert.Equal(LabelPrinterStatuses.Error, machine.Status);
        Assert.StartsWith($"Cannot write to {_spool}", machine.StatusText);
    }

    [Fact]
    public void Settings_have_the_documented_defaults()
    {
        using var machine = new FakeMachine(_driver);

        Assert.Equal("spool", machine.GetSetting("SPOOL_DIR", MachineActors.Machines.SettingConfigType.Driver));
        Assert.Equal(0, machine.GetSetting("DELAY_MS", MachineActors.Machines.SettingConfigType.Driver));
        Assert.Equal("none", machine.GetSetting("SIMULATE", MachineActors.Machines.SettingConfigType.Driver));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("SIMULATE", MachineActors.Machines.SettingConfigType.Driver, "fire"));
        Assert.Throws<ArgumentException>(() => machine.SetSetting("DELAY_MS", MachineActors.Machines.SettingConfigType.Driver, -1));
    }

    private FakeMachine Machine(params (string Key, object? Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => s.Value);
        values["SPOOL_DIR"] = _spool;
        return new FakeMachine(_driver, values);
    }

    private List<string> SpoolFiles() =>
        Directory.Exists(_spool)
            ? Directory.GetFiles(_spool).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList()
            : [];
}
