namespace MachineActors.Actors.Cluster.Membership;

/// <summary>What the <see cref="FailureDetector"/> concludes about a node from how long its heartbeat counter has been still.</summary>
public enum NodeReachability
{
    /// <summary>Its counter changed less than <see cref="MembershipOptions.UnreachableAfter"/> ago.</summary>
    Reachable,

    /// <summary>Silent for longer than <see cref="MembershipOptions.UnreachableAfter"/>.</summary>
    Unreachable,

    /// <summary>Silent for longer than <see cref="MembershipOptions.DownAfter"/>: mark it Down.</summary>
    ShouldBeDowned,
}
