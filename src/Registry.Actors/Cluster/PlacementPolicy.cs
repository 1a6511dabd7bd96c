using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;

namespace MachineActors.Registry.Cluster;

/// <summary>Which machines of the catalog a node competes for, from its own view of the membership.</summary>
internal static class PlacementPolicy
{
    /// <summary>The members Up and reachable in <paramref name="state"/>: the nodes a machine may be placed on now.</summary>
    public static List<Member> Available(CurrentClusterState state) =>
        [.. state.Members.Where(member => member.Status == MemberStatus.Up && !state.Unreachable.Contains(member.NodeName))];

    /// <summary>
    /// Whether the node should ask for the machine's lease: it may run it and is its preferred node among
    /// <paramref name="available"/>; a machine placed on the node by name is always wanted there.
    /// </summary>
    public static bool Wants(string machineKey, string? placement, string nodeName, IReadOnlyCollection<string> roles, IReadOnlyList<Member> available) =>
        PlacementRule.IsEligible(placement, nodeName, roles)
        && (string.Equals(placement, nodeName, StringComparison.Ordinal)
            || string.Equals(PlacementRule.PreferredNode(machineKey, placement, available), nodeName, StringComparison.Ordinal));
}
