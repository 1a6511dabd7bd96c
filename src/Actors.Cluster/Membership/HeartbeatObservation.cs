namespace MachineActors.Actors.Cluster.Membership;

/// <summary>A node's heartbeat counter as one poll of the member table saw it.</summary>
public readonly record struct HeartbeatObservation(string NodeName, long Incarnation, long Heartbeat)
{
    public static HeartbeatObservation Of(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new HeartbeatObservation(member.NodeName, member.Incarnation, member.Heartbeat);
    }
}
