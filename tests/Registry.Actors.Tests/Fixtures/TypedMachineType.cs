using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>A machine type with a setting of each value type but Choice (its driver has that one), for the remoting tests.</summary>
public sealed class TypedMachineType : MachineType
{
    public const string TypeSlug = "typed";

    public override string Slug => TypeSlug;

    public override string Name => "Typed";

    public override string Description => "Settings, properties and commands of every value type";

    public override Type BaseDriver => typeof(TypedDriverBase);

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "LOCATION", Name = "Location", Default = "lab" },
        new SettingDefinition { Key = "ENABLED", Name = "Enabled", Type = SettingType.Bool, Default = true },
    ];

    public override MachineStatusSet Statuses => ProbeStatuses.Set;

    public override MachineStatus DefaultStatus => ProbeStatuses.Unknown;

    public override MachineStatus ErrorStatus => ProbeStatuses.Error;
}
