namespace MachineActors.Actors.Dispatch;

/// <summary>A cell's children; created on first child. Guarded by locking the instance.</summary>
internal sealed class ChildrenState
{
    public readonly Dictionary<string, LocalActorRef> ByName = new(StringComparer.Ordinal);

    // Children this actor has asked to stop and that have not yet reported their termination.
    public HashSet<IActorRef>? Stopping;

    // Only for children that have failed at least once.
    public Dictionary<IActorRef, ChildRestartStats>? RestartStats;

    public long NextAutoName;
}
