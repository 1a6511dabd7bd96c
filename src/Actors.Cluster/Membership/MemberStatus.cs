namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// Where a member's row is in its life: <see cref="Joining"/> → <see cref="Up"/> → <see cref="Leaving"/> →
/// <see cref="Down"/>. Down is final for an incarnation; a restarted node joins again with a new incarnation.
/// Stored in the <c>members.status</c> column under these names.
/// </summary>
public enum MemberStatus
{
    /// <summary>The row was written by a starting node that has not yet declared itself up.</summary>
    Joining,

    /// <summary>A full member: it heartbeats and may own work.</summary>
    Up,

    /// <summary>Leaving gracefully; Down follows as soon as the node has written it.</summary>
    Leaving,

    /// <summary>Gone: left, or marked down by a node that saw its heartbeats stop. Nobody heartbeats a Down row.</summary>
    Down,
}
