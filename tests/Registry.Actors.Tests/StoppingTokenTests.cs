using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>IMachine.Stopping ends a driver's background work when its machine goes away.</summary>
public sealed class StoppingTokenTests : RegistryTestKit
{
    [Fact]
    public void Deactivating_a_machine_cancels_its_stopping_token_and_reactivating_gives_a_new_one()
    {
        StartRegistry(ProbeOptions);
        var machine = AddMachine(new AddMachine("poller", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug));
        Assert.Equal(0, ProbeLog.Count(machine.Id, "Stopping"));
        Ask<MachineResult>(new UpdateMachineConfig(machine.Id) { Active = false });
        AwaitCondition(() => ProbeLog.Count(machine.Id, "Stopping") == 1);
        Ask<MachineResult>(new UpdateMachineConfig(machine.Id) { Active = true });
        Assert.Equal(1, ProbeLog.Count(machine.Id, "Stopping"));
        Ask<MachineRemoved>(new RemoveMachine(machine.Id));
        AwaitCondition(() => ProbeLog.Count(machine.Id, "Stopping") == 2);
    }
}
