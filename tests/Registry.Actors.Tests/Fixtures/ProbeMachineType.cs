using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>A machine type whose drivers record every call in <see cref="ProbeLog"/>.</summary>
public sealed class ProbeMachineType : MachineType
{
    public const string TypeSlug = "probe";

    public override string Slug => TypeSlug;

    public override string Name => "Probe";

    public override string Description => "A machine the tests watch";

    public override Type BaseDriver => typeof(ProbeDriverBase);

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "LOCATION", Name = "Location" },
    ];

    public override MachineStatusSet Statuses => ProbeStatuses.Set;

    public override MachineStatus DefaultStatus => ProbeStatuses.Unknown;

    public override MachineStatus ErrorStatus => ProbeStatuses.Error;
}
