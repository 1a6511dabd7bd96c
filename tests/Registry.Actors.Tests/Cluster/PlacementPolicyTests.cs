using MachineActors.Actors.Cluster.Membership;
using MachineActors.Registry.Cluster;

namespace MachineActors.Registry.Tests.Cluster;

public sealed class PlacementPolicyTests
{
    private static readonly string[] s_station = ["station"];

    [Fact]
    public void A_node_wants_the_machines_placed_on_it_by_name_even_before_it_sees_itself_up()
    {
        Assert.True(PlacementPolicy.Wants("m-1", "station-a", "station-a", s_station, []));
        Assert.False(PlacementPolicy.Wants("m-1", "station-b", "station-a", s_station, [Up("station-a"), Up("station-b")]));
    }

    [Fact]
    public void A_role_placed_machine_is_wanted_by_its_preferred_node_among_those_up_and_reachable_only()
    {
        var available = PlacementPolicy.Available(new CurrentClusterState(
            [Up("station-a"), Up("station-b"), Up("station-c") with { Status = MemberStatus.Leaving }, Up("frontend", "frontend")],
            new HashSet<string>(["station-b"]),
            null));

        Assert.Equal(["station-a", "frontend"], available.Select(m => m.NodeName));
        Assert.True(PlacementPolicy.Wants("m-1", "station", "station-a", s_station, available));
        Assert.True(PlacementPolicy.Wants("m-1", null, "station-a", s_station, available));
        Assert.False(PlacementPolicy.Wants("m-1", "station", "frontend", ["frontend"], available));
        Assert.False(PlacementPolicy.Wants("m-1", "station", "station-b", s_station, available));
    }

    private static Member Up(string name, string role = "station") =>
        new(name, $"ws://127.0.0.1:1/{name}", [role], 1, MemberStatus.Up, 0, DateTimeOffset.UnixEpoch, 1);
}
