using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

public sealed class DriverValidationTests
{
    private static readonly Type[] DriverTypes = [typeof(VirtualLabelPrinterDriver), typeof(IppLabelPrinterDriver), typeof(ZplLabelPrinterDriver)];

    public static TheoryData<Type> BuiltInDrivers => new(DriverTypes);

    [Theory]
    [MemberData(nameof(BuiltInDrivers))]
    public void Every_built_in_driver_passes_the_SDK_validator(Type driverType)
    {
        var driver = Create(driverType);

        Assert.Empty(DriverValidator.Validate(driver));
        Assert.Empty(DriverValidator.CheckRequiredOverrides(driverType));
    }

    [Theory]
    [MemberData(nameof(BuiltInDrivers))]
    public void Every_built_in_driver_is_compatible_with_the_label_printer_type(Type driverType)
    {
        var driver = Create(driverType);

        Assert.Null(DriverValidator.CheckCompatibility(driver, new LabelPrinterMachineType()));
        Assert.Equal("label-printer", driver.MachineTypeSlug);
    }

    [Theory]
    [MemberData(nameof(BuiltInDrivers))]
    public void Every_built_in_driver_declares_valid_print_options_starting_with_copies(Type driverType)
    {
        var driver = Create(driverType);

        Assert.Empty(PrintOptionDefinitions.Validate(driver.AllPrintOptions));
        Assert.Equal("copies", driver.AllPrintOptions[0].Key);
    }

    [Fact]
    public void The_slugs_are_the_documented_ones()
    {
        Assert.Equal(
            ["virtual-label-printer", "ipp-label-printer", "zpl-label-printer"],
            DriverTypes.Select(type => Create(type).Slug));
    }

    [Fact]
    public void A_driver_overriding_neither_print_method_is_reported()
    {
        Assert.Equal(
            ["'LazyDriver' did not override any of the required methods: PrintLabel or PrintLabels"],
            DriverValidator.Validate(new LazyDriver()));
    }

    [Fact]
    public void Overriding_only_PrintLabels_is_enough()
    {
        Assert.Empty(DriverValidator.Validate(new BatchOnlyDriver()));
    }

    [Fact]
    public void A_driver_that_is_not_a_label_printer_driver_is_incompatible()
    {
        Assert.Equal(
            "'other' is incompatible with machine type 'label-printer'",
            DriverValidator.CheckCompatibility(new OtherDriver(), new LabelPrinterMachineType()));
    }

    private static LabelPrinterDriver Create(Type driverType) => (LabelPrinterDriver)Activator.CreateInstance(driverType)!;

    private sealed class LazyDriver : LabelPrinterDriver
    {
        public override string Slug => "lazy";

        public override string Name => "Lazy";

        public override string Description => "Prints nothing";
    }

    private sealed class BatchOnlyDriver : LabelPrinterDriver
    {
        public override string Slug => "batch";

        public override string Name => "Batch";

        public override string Description => "Prints whole jobs";

        public override Task PrintLabels(IMachine machine, PrintJob job, IPrintProgress progress, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    private sealed class OtherDriver : Driver
    {
        public override string Slug => "other";

        public override string Name => "Other";

        public override string Description => "Claims to be a label printer";

        public override string MachineTypeSlug => "label-printer";
    }
}
