using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

public sealed class LabelPrinterDriverTests
{
    [Fact]
    public async Task The_default_PrintLabels_prints_each_label_in_order_and_reports_progress_after_each()
    {
        var driver = new CountingDriver();
        using var machine = new FakeMachine(driver);
        var progress = new RecordingProgress();
        var job = Jobs.Text("a", "b", "c");

        await driver.PrintLabels(machine, job, progress, CancellationToken.None);

        Assert.Equal([0, 1, 2], driver.Printed);
        Assert.Equal(["label 0", "33%", "label 1", "66%", "label 2", "100%"], progress.Events);
    }

    [Fact]
    public async Task A_failing_label_stops_the_job_after_the_labels_before_it_were_reported()
    {
        var driver = new CountingDriver { FailAt = 1 };
        using var machine = new FakeMachine(driver);
        var progress = new RecordingProgress();

        var error = await Assert.ThrowsAsync<PrintFailedException>(() => driver.PrintLabels(machine, Jobs.Text("a", "b", "c"), progress, CancellationToken.None));

        Assert.Equal(1, error.LabelIndex);
        Assert.Equal([0], driver.Printed);
        Assert.Equal(["label 0", "33%"], progress.Events);
    }

    [Fact]
    public async Task Cancellation_is_checked_between_labels()
    {
        using var cancel = new CancellationTokenSource();
        var driver = new CountingDriver { AfterPrint = index => cancel.Cancel() };
        using var machine = new FakeMachine(driver);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.PrintLabels(machine, Jobs.Text("a", "b"), IPrintProgress.None, cancel.Token));

        Assert.Equal([0], driver.Printed);
    }

    [Fact]
    public async Task A_driver_that_only_prints_whole_jobs_refuses_single_labels()
    {
        var driver = new BatchDriver();
        using var machine = new FakeMachine(driver);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => driver.PrintLabel(machine, Jobs.Text("a"), 0, CancellationToken.None));

        Assert.Contains("prints whole jobs only", error.Message);
    }

    [Fact]
    public void ParsePrintOptions_knows_the_drivers_extra_options()
    {
        var result = new IppLabelPrinterDriver().ParsePrintOptions(new Dictionary<string, object?> { ["copies"] = "2", ["media"] = "oe_4x6-label_4x6in", ["bogus"] = 1 });

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Options!.Copies);
        Assert.Equal("oe_4x6-label_4x6in", result.Options.Get<string>("media"));
        Assert.False(result.Options.Values.ContainsKey("bogus"));
    }

    [Fact]
    public void The_machine_type_slug_is_sealed_to_label_printer()
    {
        var property = typeof(LabelPrinterDriver).GetProperty(nameof(Driver.MachineTypeSlug))!;

        Assert.True(property.GetMethod!.IsFinal);
        Assert.Equal("label-printer", new CountingDriver().MachineTypeSlug);
    }

    private sealed class CountingDriver : LabelPrinterDriver
    {
        public List<int> Printed { get; } = [];

        public int FailAt { get; init; } = -1;

        public Action<int>? AfterPrint { get; init; }

        public override string Slug => "counting";

        public override string Name => "Counting";

        public override string Description => "Counts labels";

        public override Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken)
        {
            if (labelIndex == FailAt)
            {
                throw new PrintFailedException("jammed") { LabelIndex = labelIndex };
            }

            Printed.Add(labelIndex);
            AfterPrint?.Invoke(labelIndex);
            return Task.CompletedTask;
        }
    }

    private sealed class BatchDriver : LabelPrinterDriver
    {
        public override string Slug => "batch";

        public override string Name => "Batch";

        public override string Description => "Prints whole jobs";

        public override Task PrintLabels(IMachine machine, PrintJob job, IPrintProgress progress, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
