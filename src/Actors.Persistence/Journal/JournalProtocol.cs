namespace MachineActors.Actors.Persistence;

/// <summary>A persistent actor asks the journal actor to store writes; each gets one <see cref="WriteResult"/> back.</summary>
internal sealed record WriteMessages(IReadOnlyList<AtomicWrite> Writes, IActorRef ReplyTo, int InstanceId);

/// <summary>The outcome of one atomic write: stored (both null), rejected (not stored, actor goes on) or failed (store broke).</summary>
internal sealed record WriteResult(AtomicWrite Write, int InstanceId, Exception? Rejection, Exception? Failure);

internal sealed record ReplayMessages(string PersistenceId, long FromSequenceNr, long ToSequenceNr, long Max, IActorRef ReplyTo);

internal sealed record ReplayedMessage(PersistentEvent Event);

internal sealed record RecoverySuccess(long HighestSequenceNr);

internal sealed record ReplayMessagesFailure(Exception Cause);

internal sealed record DeleteMessagesTo(string PersistenceId, long ToSequenceNr, IActorRef ReplyTo);

/// <summary>Delivered to the persistent actor's command handler after <c>DeleteMessagesTo</c> succeeded.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Delivered to the persistent actor's command handler when <c>DeleteMessagesTo</c> failed.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
