namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// What the <see cref="MembershipActor"/> publishes on the system's event stream; subscribe to this type for all of them.
/// </summary>
/// <param name="Member">The member's row as this node saw it when the event happened.</param>
public abstract record MemberEvent(Member Member);

/// <summary>A member (this node included) was seen Up for the first time in its incarnation.</summary>
public sealed record MemberUp(Member Member) : MemberEvent(Member);

/// <summary>This node has not seen the member's heartbeat counter change for longer than <see cref="MembershipOptions.UnreachableAfter"/>.</summary>
public sealed record MemberUnreachable(Member Member) : MemberEvent(Member);

/// <summary>An unreachable member's heartbeat counter moved again.</summary>
public sealed record MemberReachable(Member Member) : MemberEvent(Member);

/// <summary>
/// A member's incarnation is gone: its row went Down (it left or was marked down), or shows a newer
/// incarnation (the node restarted; a <see cref="MemberUp"/> of the new one follows once it is Up).
/// </summary>
public sealed record MemberRemoved(Member Member) : MemberEvent(Member);

/// <summary>
/// This node found its own row Down or taken over by a newer incarnation: it was marked down by another
/// node (or replaced by a restart elsewhere) and has stopped heartbeating. The host should shut it down.
/// </summary>
public sealed record SelfDowned(Member Member) : MemberEvent(Member);
