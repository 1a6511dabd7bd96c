namespace MachineActors.Actors.Dispatch;

/// <summary>What a cell remembers about a failure while its supervisor decides (mailbox only).</summary>
internal sealed class FailureState
{
    // The message being processed when the actor failed, passed to PreRestart.
    public object? FailedMessage;

    // Restarting: waiting for the children that PreRestart stopped before the new instance is made.
    public Exception? PendingRecreateCause;

    // A child whose failure this actor escalated; resumed again if this actor is resumed.
    public IActorRef? EscalatedChild;
}
