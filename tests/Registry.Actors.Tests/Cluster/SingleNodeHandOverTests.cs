using MachineActors.Registry.Cluster;

namespace MachineActors.Registry.Tests.Cluster;

public sealed class SingleNodeHandOverTests : RegistryTestKit
{
    [Fact]
    public void A_single_node_answers_a_hand_over_at_once_and_keeps_its_machines()
    {
        var config = Machine("probe");
        StartRegistry(ProbeOptions, config);

        Assert.Equal(0, Ask<MachinesHandedOver>(HandOverMachines.Instance).Count);
        Assert.True(GetMachine(config.Id).IsRunning);
    }
}
