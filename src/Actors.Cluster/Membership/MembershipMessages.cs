namespace MachineActors.Actors.Cluster.Membership;

/// <summary>Asks the <see cref="MembershipActor"/> for its view; the reply is a <see cref="CurrentClusterState"/>.</summary>
public sealed record GetClusterState
{
    private GetClusterState()
    {
    }

    public static GetClusterState Instance { get; } = new();
}

/// <summary>
/// The membership as this node last saw it.
/// </summary>
/// <param name="Members">Every member that is not Down (this node included), by node name.</param>
/// <param name="Unreachable">Names of the members whose heartbeats this node has not seen change for too long.</param>
/// <param name="Self">This node's own row; null before its first join was written.</param>
public sealed record CurrentClusterState(IReadOnlyList<Member> Members, IReadOnlySet<string> Unreachable, Member? Self);

/// <summary>
/// Asks the <see cref="MembershipActor"/> to leave gracefully: its row goes Leaving, then Down, so the
/// other nodes remove it at their next poll without an unreachable phase. The reply is <see cref="LeftCluster"/>.
/// </summary>
public sealed record Leave
{
    private Leave()
    {
    }

    public static Leave Instance { get; } = new();
}

/// <summary>The reply to <see cref="Leave"/>: this node's row is Down and it no longer heartbeats.</summary>
public sealed record LeftCluster
{
    private LeftCluster()
    {
    }

    public static LeftCluster Instance { get; } = new();
}
