using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>A probe driver whose InitDriver throws.</summary>
public sealed class BrokenInitProbeDriver : ProbeDriverBase
{
    public const string DriverSlug = "probe-broken-init";
    public const string Failure = "The print server is down";

    public override string Slug => DriverSlug;

    public override string Name => "Broken probe driver";

    public override string Description => "Throws in InitDriver";

    public override Task InitDriver(CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ProbeLog.Record(machine.Id, nameof(InitMachine));
        return Task.CompletedTask;
    }
}
