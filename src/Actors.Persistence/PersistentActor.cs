using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Event;

namespace MachineActors.Actors.Persistence;

/// <summary>
/// An event-sourced actor (Akka's <c>PersistentActor</c>). On start it recovers: the newest snapshot
/// is offered, then every later event is replayed through <see cref="ReceiveRecover"/>, then
/// <see cref="RecoveryCompleted"/>; commands that arrive meanwhile wait. Afterwards commands go to
/// <see cref="ReceiveCommand"/>, which persists events; a handler runs only once its event is stored.
/// <para>Ordering invariants: while a <see cref="Persist{TEvent}"/> or <see cref="PersistAll{TEvent}"/>
/// handler is pending, new commands are stashed, so no command sees state its predecessor has not
/// finished; handlers run in the order their events were persisted; a <see cref="Defer{TEvent}"/>
/// handler runs after the handlers of everything persisted before it.</para>
/// <para>Failures: a recovery failure stops the actor (logged with its cause); a failed write stops
/// it too (a backoff supervisor can start it again, and it recovers from what was stored); a
/// rejected write (e.g. an unregistered event type) skips that handler and the actor goes on.</para>
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private static int s_instanceIds;

    private readonly int _instanceId = Interlocked.Increment(ref s_instanceIds);
    private readonly UnboundedStash _internalStash;
    private readonly LinkedList<Invocation> _pending = new();
    private readonly List<(AtomicWrite? Write, List<Invocation> Invocations)> _batch = [];
    private Phase _phase = Phase.WaitingForPermit;
    private bool _holdsRecoveryPermit;
    private int _pendingStashingInvocations;
    private Persistence? _persistence;

    protected PersistentActor()
    {
        _internalStash = new UnboundedStash(Cell);
    }

    private enum Phase
    {
        WaitingForPermit,
        LoadingSnapshot,
        Replaying,
        ProcessingCommands,
        PersistingEvents,
        Stopped,
    }

    /// <summary>Identifies this actor's events in the journal; must stay the same across incarnations.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>
    /// Sequence number of the last event recovered or whose persist handler has run (0 before any). Events
    /// handed to the journal but not yet stored are not counted, so a snapshot taken in a handler never claims
    /// events its state does not include.
    /// </summary>
    public long LastSequenceNr { get; private set; }

    // The last sequence number handed out; ahead of LastSequenceNr while writes are in flight.
    private long _assignedSequenceNr;

    /// <summary>Sequence number of the snapshot recovery started from (0 when none).</summary>
    public long SnapshotSequenceNr { get; private set; }

    public bool IsRecovering => _phase is Phase.WaitingForPermit or Phase.LoadingSnapshot or Phase.Replaying;

    /// <summary>Which snapshot recovery starts from; <see cref="SnapshotSelectionCriteria.None"/> replays every event.</summary>
    protected virtual SnapshotSelectionCriteria RecoverySnapshot => SnapshotSelectionCriteria.Latest;

    private Persistence Extension => _persistence ??= Persistence.Get(Context.System);

    protected abstract bool ReceiveRecover(object message);

    protected abstract bool ReceiveCommand(object message);

    protected internal sealed override bool Receive(object message) => ReceiveCommand(message);

    protected internal override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    /// <summary>A restarted incarnation recovers again from what was stored.</summary>
    protected internal override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    protected internal override void AroundPreRestart(Exception reason, object? message)
    {
        UnstashInternal();
        base.AroundPreRestart(reason, message);
    }

    protected internal override void AroundPostStop()
    {
        _phase = Phase.Stopped;
        GiveRecoveryPermitBack();
        UnstashInternal();
        base.AroundPostStop();
    }

    protected internal override void AroundReceive(object message)
    {
        switch (_phase)
        {
            case Phase.WaitingForPermit:
                OnWaitingForPermit(message);
                break;
            case Phase.LoadingSnapshot:
                OnLoadingSnapshot(message);
                break;
            case Phase.Replaying:
                OnReplaying(message);
                break;
            case Phase.ProcessingCommands:
                if (!HandleJournalResponse(message))
                {
                    ProcessCommand(message);
                }
                break;
            case Phase.PersistingEvents:
                if (!HandleJournalResponse(message))
                {
                    StashInternally();
                }
                break;
        }
    }

    /// <summary>Called when recovery fails, before the actor stops. The default logs the cause.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        Context.System.EventStream.Publish(new Error(cause, Self.Path.ToString(), GetType(),
            $"Recovery of '{PersistenceId}' failed{(@event is null ? "" : $" at {@event.GetType().Name} #{LastSequenceNr}")}: {cause.Message}"));

    /// <summary>Called when the journal failed to store an event, before the actor stops. The default logs the cause.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Context.System.EventStream.Publish(new Error(cause, Self.Path.ToString(), GetType(),
            $"Failed to persist {@event.GetType().Name} #{sequenceNr} of '{PersistenceId}'; stopping: {cause.Message}"));

    /// <summary>
    /// Called when the actor stops after a recovery or write failure, once for everything it took but will never handle:
    /// each event whose handler will not run (with the sender of the command that persisted it), each deferred item, and
    /// each command waiting for the recovery or a write (with its sender). Return true when it answered the sender (for
    /// example with a <see cref="Status.Failure"/> naming <paramref name="cause"/>), so a caller does not wait out its own
    /// timeout for an answer that cannot come. The default answers nobody: the commands go to dead letters, as in Akka.
    /// </summary>
    protected virtual bool OnDroppedAfterFailure(object message, IActorRef? sender, Exception cause) => false;

    /// <summary>Called when the journal rejected an event (it was not stored); the actor goes on. The default logs it.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Context.System.EventStream.Publish(new Warning(Self.Path.ToString(), GetType(),
            $"Rejected {@event.GetType().Name} #{sequenceNr} of '{PersistenceId}': {cause.Message}", cause));

    /// <summary>Recovery starts once the system's recovery permitter lets it (a bounded number recover at once).</summary>
    private void StartRecovery()
    {
        _phase = Phase.WaitingForPermit;
        Extension.RecoveryPermitter.Tell(RequestRecoveryPermit.Instance, Self);
    }

    private void GiveRecoveryPermitBack()
    {
        if (_holdsRecoveryPermit)
        {
            _holdsRecoveryPermit = false;
            Extension.RecoveryPermitter.Tell(ReturnRecoveryPermit.Instance, Self);
        }
    }

    private void ProcessCommand(object message)
    {
        try
        {
            base.AroundReceive(message);
        }
        finally
        {
            FlushBatch();
        }
    }

    private void StashInternally() => _internalStash.Stash();

    private void UnstashInternal() => _internalStash.UnstashAll();

    /// <summary>Stops the actor after <paramref name="cause"/>; <paramref name="failed"/> is the invocation whose write failed, if any.</summary>
    private void StopAfterFailure(Exception cause, Invocation? failed = null)
    {
        _phase = Phase.Stopped;
        GiveRecoveryPermitBack();
        var dropped = new List<Invocation>(_pending.Count + 1);
        if (failed is not null)
        {
            dropped.Add(failed);
        }
        dropped.AddRange(_pending);
        _pending.Clear();
        _pendingStashingInvocations = 0;
        foreach (var invocation in dropped)
        {
            OnDroppedAfterFailure(invocation.Event, invocation.Sender, cause);
        }
        // Commands nobody answered go back to the mailbox, hence to dead letters once the actor has stopped.
        var unanswered = _internalStash.ClearStash().Where(pending => !OnDroppedAfterFailure(pending.Message, pending.Sender, cause)).ToList();
        Cell.Prepend(unanswered);
        Context.Stop(Self);
    }

    private sealed record Invocation(object Event, Action<object> Handler, bool Stashing, bool Deferred, IActorRef? Sender)
    {
        public long SequenceNr { get; init; }
    }
}
