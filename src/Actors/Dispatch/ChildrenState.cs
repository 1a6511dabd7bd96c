namespace MachineActors.Actors.Dispatch;

/// <summary>A cell's children; created on first child. Guarded by locking the instance.</summary>
internal sealed class ChildrenState
{
    public readonly Dictionary<string, LocalActorRef> ByName = new(ChildNameComparer.Instance);

    // Children this actor has asked to stop and that have not yet reported their termination.
    public HashSet<IActorRef>? Stopping;

    // Only for children that have failed at least once.
    public Dictionary<IActorRef, ChildRestartStats>? RestartStats;

    public long NextAutoName;

    // Incarnation ids of the children: unique among one parent's children, which is all ref equality needs (their
    // paths differ otherwise), and drawn here rather than from one system-wide counter, whose atomic increments would
    // bounce its cache line (and the system's hot fields beside it) between cores when parents create many children.
    public long LastUid = Random.Shared.NextInt64(1, long.MaxValue / 2);
}
