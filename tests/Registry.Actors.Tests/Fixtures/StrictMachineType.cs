using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>A machine type with a required setting, whose driver has one too.</summary>
public sealed class StrictMachineType : MachineType
{
    public const string TypeSlug = "strict-probe";

    public override string Slug => TypeSlug;

    public override string Name => "Strict probe";

    public override string Description => "Needs its settings";

    public override Type BaseDriver => typeof(StrictDriverBase);

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "SERIAL", Name = "Serial number", Required = true },
        new SettingDefinition { Key = "MODEL", Name = "Model", Required = true },
    ];

    public override MachineStatusSet Statuses => ProbeStatuses.Set;

    public override MachineStatus DefaultStatus => ProbeStatuses.Unknown;

    public override MachineStatus ErrorStatus => ProbeStatuses.Error;
}
