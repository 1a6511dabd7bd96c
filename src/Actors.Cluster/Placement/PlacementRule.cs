using MachineActors.Actors.Cluster.Membership;

namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Which node should run a machine. A placement names a node (hardware wired to that station) or a role (a
/// network printer any node with that role can reach); no placement means the role <see cref="DefaultRole"/>.
/// A node-placed machine runs only on its node. A role-placed machine goes to the preferred node (rendezvous
/// hashing) among the Up, reachable members with the role, so machines spread and only a lost node's share moves.
/// </summary>
public static class PlacementRule
{
    /// <summary>The role that machines without a placement need.</summary>
    public const string DefaultRole = "station";

    /// <summary>Whether a node with this name and these roles may run a machine with <paramref name="placement"/> at all.</summary>
    public static bool IsEligible(string? placement, string nodeName, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (string.IsNullOrEmpty(placement))
        {
            return roles.Contains(DefaultRole, StringComparer.Ordinal);
        }
        return string.Equals(placement, nodeName, StringComparison.Ordinal) || roles.Contains(placement, StringComparer.Ordinal);
    }

    /// <summary>
    /// The node that should run the machine given the members this node sees Up and reachable, or null when none
    /// may (for a node-placed machine: its node is not among them).
    /// </summary>
    public static string? PreferredNode(string machineId, string? placement, IEnumerable<Member> upMembers)
    {
        ArgumentNullException.ThrowIfNull(upMembers);
        var eligible = upMembers
            .Where(m => m.Status == MemberStatus.Up && IsEligible(placement, m.NodeName, m.Roles))
            .Select(m => m.NodeName)
            .ToList();
        if (!string.IsNullOrEmpty(placement) && eligible.Contains(placement, StringComparer.Ordinal))
        {
            // A node name wins over a role of the same name: the hardware is wired to that node.
            return placement;
        }
        return Rendezvous.PreferredOwner(machineId, eligible);
    }
}
