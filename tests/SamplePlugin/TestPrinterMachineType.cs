using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>A label-printer-like machine type of the tests (the real label printer comes with the printing work).</summary>
public sealed class TestPrinterMachineType : MachineType
{
    public const string TypeSlug = "test-printer";

    public override string Slug => TypeSlug;

    public override string Name => "Test printer";

    public override string Description => "Prints test labels";

    public override Type BaseDriver => typeof(TestPrinterDriverBase);

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "LOCATION", Name = "Location", Description = "Where the printer stands" },
    ];

    public override MachineStatusSet Statuses => TestPrinterStatuses.Set;

    public override MachineStatus DefaultStatus => TestPrinterStatuses.Unknown;

    public override MachineStatus ErrorStatus => TestPrinterStatuses.Error;
}
