using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

public sealed class PlacementRuleTests
{
    private static readonly Member[] s_members =
    [
        Up("frontend", "frontend"),
        Up("station-a", "station"),
        Up("station-b", "station", "zebra"),
    ];

    [Theory]
    [InlineData(null, "station-a", true)]
    [InlineData(null, "frontend", false)]
    [InlineData("station-b", "station-b", true)]
    [InlineData("station-b", "station-a", false)]
    [InlineData("zebra", "station-b", true)]
    [InlineData("zebra", "station-a", false)]
    [InlineData("station", "frontend", false)]
    public void A_node_is_eligible_by_its_name_or_one_of_its_roles(string? placement, string node, bool eligible) =>
        Assert.Equal(eligible, PlacementRule.IsEligible(placement, node, s_members.Single(m => m.NodeName == node).Roles));

    [Fact]
    public void A_node_placed_machine_goes_to_its_node_or_nowhere()
    {
        Assert.Equal("station-b", PlacementRule.PreferredNode("m-1", "station-b", s_members));
        Assert.Null(PlacementRule.PreferredNode("m-1", "station-b", s_members.Where(m => m.NodeName != "station-b")));
    }

    [Fact]
    public void Role_placed_machines_spread_over_the_up_stations_and_never_reach_the_frontend()
    {
        var owners = Enumerable.Range(0, 300).Select(i => PlacementRule.PreferredNode($"m-{i}", "station", s_members)).ToList();

        Assert.DoesNotContain("frontend", owners);
        Assert.InRange(owners.Count(o => o == "station-a"), 100, 200);
        Assert.InRange(owners.Count(o => o == "station-b"), 100, 200);
    }

    [Fact]
    public void A_down_or_leaving_member_is_not_chosen()
    {
        Member[] members = [s_members[1], s_members[2] with { Status = MemberStatus.Leaving }];

        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("station-a", PlacementRule.PreferredNode($"m-{i}", null, members)));
        Assert.Null(PlacementRule.PreferredNode("m-1", "zebra", members));
    }

    private static Member Up(string name, params string[] roles) =>
        new(name, $"ma://node@127.0.0.1:{name.Length}", roles, 1, MemberStatus.Up, 1, DateTimeOffset.UnixEpoch, 1);
}
