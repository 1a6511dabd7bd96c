using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

public sealed class StrictDriver : StrictDriverBase
{
    public const string DriverSlug = "strict-driver";

    public override string Slug => DriverSlug;

    public override string Name => "Strict driver";

    public override string Description => "Needs a host";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "HOST", Name = "Host", Required = true },
        new SettingDefinition { Key = "PORT", Name = "Port", Type = SettingType.Int, Required = true, Default = 9100 },
    ];

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ProbeLog.Record(machine.Id, nameof(InitMachine));
        return Task.CompletedTask;
    }
}
