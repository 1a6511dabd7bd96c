using MachineActors.Actors.Cluster.Placement;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

public sealed class RendezvousTests
{
    private static readonly string[] s_nodes = ["node-a", "node-b", "node-c"];
    private static readonly string[] s_machines = [.. Enumerable.Range(0, 3000).Select(i => $"machine-{i}")];

    [Fact]
    public void The_weight_is_stable_across_runs_and_platforms()
    {
        // Pinned: a changed hash would move machines between nodes running different builds.
        Assert.Equal(0x437efb2dae6c7ef8UL, Rendezvous.Weight("machine-1", "node-a"));
        Assert.Equal(
            ["node-a", "node-c", "node-c", "node-c", "node-c"],
            Enumerable.Range(0, 5).Select(i => Rendezvous.PreferredOwner($"machine-{i}", s_nodes)));
    }

    [Fact]
    public void The_answer_is_deterministic_and_ignores_the_order_of_the_nodes()
    {
        foreach (var machine in s_machines.Take(300))
        {
            var owner = Rendezvous.PreferredOwner(machine, s_nodes);
            Assert.Equal(owner, Rendezvous.PreferredOwner(machine, s_nodes.Reverse()));
            Assert.Equal(owner, Rendezvous.PreferredOwner(machine, [s_nodes[1], s_nodes[2], s_nodes[0], s_nodes[1]]));
        }
    }

    [Fact]
    public void Machines_spread_roughly_evenly_over_three_nodes()
    {
        var counts = s_machines.GroupBy(m => Rendezvous.PreferredOwner(m, s_nodes)!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(s_nodes, counts.Keys.Order(StringComparer.Ordinal));
        // 1000 each expected; a fair binomial split stays within ±10% with overwhelming probability.
        Assert.All(counts.Values, count => Assert.InRange(count, 900, 1100));
    }

    [Fact]
    public void Removing_a_node_moves_only_its_machines_and_spreads_them_over_the_others()
    {
        var before = s_machines.ToDictionary(m => m, m => Rendezvous.PreferredOwner(m, s_nodes)!);
        var remaining = s_nodes.Where(n => n != "node-b").ToArray();

        var after = s_machines.ToDictionary(m => m, m => Rendezvous.PreferredOwner(m, remaining)!);

        var moved = s_machines.Where(m => before[m] != after[m]).ToList();
        Assert.All(moved, m => Assert.Equal("node-b", before[m]));
        Assert.Equal(before.Count(pair => pair.Value == "node-b"), moved.Count);
        var movedTo = moved.GroupBy(m => after[m]).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(remaining, node => Assert.InRange(movedTo.GetValueOrDefault(node), moved.Count / 3, moved.Count * 2 / 3));
    }

    [Fact]
    public void Adding_a_node_moves_machines_only_to_it()
    {
        var before = s_machines.ToDictionary(m => m, m => Rendezvous.PreferredOwner(m, s_nodes)!);

        var after = s_machines.ToDictionary(m => m, m => Rendezvous.PreferredOwner(m, [.. s_nodes, "node-d"])!);

        var moved = s_machines.Where(m => before[m] != after[m]).ToList();
        Assert.All(moved, m => Assert.Equal("node-d", after[m]));
        Assert.InRange(moved.Count, 650, 850);
    }

    [Fact]
    public void No_eligible_node_means_no_owner()
    {
        Assert.Null(Rendezvous.PreferredOwner("machine-1", []));
        Assert.Equal("only", Rendezvous.PreferredOwner("machine-1", ["only"]));
    }
}
