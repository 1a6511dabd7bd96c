namespace MachineActors.Actors.Dispatch;

/// <summary>What a cell watches and who watches it; created on first use (mailbox only).</summary>
internal sealed class DeathWatchState
{
    // Watched actor -> the message to deliver when it stops (Terminated unless WatchWith gave one).
    public Dictionary<IActorRef, object?>? Watching;

    public HashSet<IActorRef>? WatchedBy;

    // Terminations queued in the mailbox but not yet delivered.
    public HashSet<IActorRef>? PendingTerminated;
}
