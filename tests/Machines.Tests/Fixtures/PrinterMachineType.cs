namespace MachineActors.Machines.Tests.Fixtures;

/// <summary>A valid machine type whose attributes a test can replace one at a time.</summary>
public sealed class PrinterMachineType : MachineType
{
    public const string TypeSlug = "test-printer";

    public string SlugValue { get; init; } = TypeSlug;

    public string NameValue { get; init; } = "Test printer";

    public string DescriptionValue { get; init; } = "Prints test labels";

    public Type BaseDriverValue { get; init; } = typeof(PrinterDriverBase);

    public MachineStatusSet StatusesValue { get; init; } = PrinterStatuses.Set;

    public MachineStatus DefaultStatusValue { get; init; } = PrinterStatuses.Unknown;

    public MachineStatus ErrorStatusValue { get; init; } = PrinterStatuses.Error;

    public IReadOnlyList<SettingDefinition> SettingsValue { get; init; } =
    [
        new SettingDefinition { Key = "COPIES", Name = "Copies", Type = SettingType.Int, Default = 1 },
        new SettingDefinition { Key = "LOCATION", Name = "Location", Required = true },
    ];

    public override string Slug => SlugValue;

    public override string Name => NameValue;

    public override string Description => DescriptionValue;

    public override Type BaseDriver => BaseDriverValue;

    public override IReadOnlyList<SettingDefinition> Settings => SettingsValue;

    public override MachineStatusSet Statuses => StatusesValue;

    public override MachineStatus DefaultStatus => DefaultStatusValue;

    public override MachineStatus ErrorStatus => ErrorStatusValue;
}
