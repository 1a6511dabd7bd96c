namespace MachineActors.Actors.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>Persists one event; commands wait until <paramref name="handler"/> has run after the event is stored.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => PersistAll([@event], handler);

    /// <summary>Persists the events as one atomic write; commands wait until every handler has run.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull => AddToBatch(events, handler, stashing: true);

    /// <summary>Persists one event without holding back later commands; its handler still runs in order.</summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => AddToBatch([@event], handler, stashing: false);

    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull => AddToBatch(events, handler, stashing: false);

    /// <summary>Runs <paramref name="handler"/> after the handlers of everything persisted before it, without storing anything.</summary>
    protected void Defer<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        EnsureCanPersist();
        ArgumentNullException.ThrowIfNull(handler);
        var invocation = new Invocation(@event, e => handler((TEvent)e), Stashing: false, Deferred: true, Sender);
        _batch.Add((null, [invocation]));
    }

    /// <summary>Saves a snapshot at <see cref="LastSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.TimeProvider.GetUtcNow());
        Extension.SnapshotStore.Tell(new SaveSnapshotRequest(metadata, snapshot, Self), Self);
    }

    /// <summary>Deletes events up to and including <paramref name="toSequenceNr"/>; answers <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessagesTo(long toSequenceNr) =>
        Extension.Journal.Tell(new DeleteMessagesTo(PersistenceId, Math.Min(toSequenceNr, LastSequenceNr), Self), Self);

    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Extension.SnapshotStore.Tell(new DeleteSnapshotsRequest(PersistenceId, criteria, Self), Self);
    }

    private void EnsureCanPersist()
    {
        if (_phase is not (Phase.ProcessingCommands or Phase.PersistingEvents))
        {
            throw new InvalidOperationException("Events can only be persisted from a command handler, after recovery.");
        }
    }

    private void AddToBatch<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing)
        where TEvent : notnull
    {
        EnsureCanPersist();
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        var timestamp = Context.System.TimeProvider.GetUtcNow();
        var invocations = new List<Invocation>();
        var persistentEvents = new List<PersistentEvent>();
        Action<object> untypedHandler = e => handler((TEvent)e);
        foreach (var @event in events)
        {
            var sequenceNr = ++_assignedSequenceNr;
            invocations.Add(new Invocation(@event, untypedHandler, stashing, Deferred: false, Sender) { SequenceNr = sequenceNr });
            persistentEvents.Add(new PersistentEvent(PersistenceId, sequenceNr, @event, timestamp));
        }
        if (persistentEvents.Count > 0)
        {
            _batch.Add((new AtomicWrite(persistentEvents), invocations));
        }
    }

    /// <summary>After a command: send what it persisted to the journal in one request, and hold commands if needed.</summary>
    private void FlushBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var writes = new List<AtomicWrite>();
        foreach (var (write, invocations) in _batch)
        {
            foreach (var invocation in invocations)
            {
                _pending.AddLast(invocation);
                if (invocation.Stashing)
                {
                    _pendingStashingInvocations++;
                }
            }
            if (write is not null)
            {
                writes.Add(write);
            }
        }
        _batch.Clear();
        if (writes.Count > 0)
        {
            Extension.Journal.Tell(new WriteMessages(writes, Self, _instanceId), Self);
        }
        if (_pendingStashingInvocations > 0)
        {
            _phase = Phase.PersistingEvents;
        }
        RunDeferredAtHead();
    }

    private bool HandleJournalResponse(object message)
    {
        switch (message)
        {
            case WriteResult result when result.InstanceId == _instanceId:
                OnWriteResult(result);
                return true;
            case WriteResult:
                // A result for an earlier incarnation of this actor: its handlers are gone.
                return true;
            default:
                return false;
        }
    }

    private void OnWriteResult(WriteResult result)
    {
        foreach (var e in result.Write.Events)
        {
            var invocation = _pending.First?.Value ?? throw new InvalidOperationException($"No pending handler for event #{e.SequenceNr}.");
            _pending.RemoveFirst();
            if (invocation.Stashing)
            {
                _pendingStashingInvocations--;
            }
            if (result.Failure is { } failure)
            {
                OnPersistFailure(failure, invocation.Event, invocation.SequenceNr);
                StopAfterFailure(failure, invocation);
                return;
            }
            LastSequenceNr = invocation.SequenceNr;
            if (result.Rejection is { } rejection)
            {
                OnPersistRejected(rejection, invocation.Event, invocation.SequenceNr);
                continue;
            }
            RunHandler(invocation);
        }
        RunDeferredAtHead();
        if (_phase == Phase.PersistingEvents && _pendingStashingInvocations == 0)
        {
            _phase = Phase.ProcessingCommands;
            UnstashInternal();
        }
    }

    private void RunDeferredAtHead()
    {
        while (_pending.First?.Value is { Deferred: true } deferred)
        {
            _pending.RemoveFirst();
            RunHandler(deferred);
        }
    }

    /// <summary>Runs a handler with the sender of the command that persisted its event; events it persists are flushed after it.</summary>
    private void RunHandler(Invocation invocation)
    {
        var sender = Cell.Sender;
        Cell.RestoreSender(invocation.Sender);
        try
        {
            invocation.Handler(invocation.Event);
        }
        finally
        {
            Cell.RestoreSender(sender);
            FlushBatch();
        }
    }
}
