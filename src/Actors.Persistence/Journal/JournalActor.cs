namespace MachineActors.Actors.Persistence;

/// <summary>
/// Serves every persistent actor of the system. Writes are group-committed: while one store call
/// runs, new writes queue up and all of them go to the store together in the next call, so writes
/// from many actors share a transaction. Replays and deletes run beside writes; the journal never
/// blocks its mailbox on the store. A batch starts on a <see cref="Flush"/> the journal sends itself,
/// so every write already waiting in its mailbox joins the batch instead of the first one going alone.
/// </summary>
internal sealed class JournalActor : ReceiveActor
{
    private readonly IJournal _journal;
    private readonly int _maxWritesPerBatch;
    private readonly Queue<WriteMessages> _queued = new();
    private bool _writing;
    private bool _flushPending;

    public JournalActor(IJournal journal, int maxWritesPerBatch)
    {
        _journal = journal;
        _maxWritesPerBatch = maxWritesPerBatch;
        Receive<WriteMessages>(write =>
        {
            _queued.Enqueue(write);
            RequestFlush();
        });
        Receive<Flush>(_ =>
        {
            _flushPending = false;
            if (!_writing && _queued.Count > 0)
            {
                StartBatch();
            }
        });
        Receive<BatchCompleted>(OnBatchCompleted);
        Receive<ReplayMessages>(replay => _ = Replay(replay));
        Receive<DeleteMessagesTo>(delete => _journal.DeleteMessagesToAsync(delete.PersistenceId, delete.ToSequenceNr, CancellationToken.None)
            .PipeTo(delete.ReplyTo, new DeleteMessagesSuccess(delete.ToSequenceNr), Self, cause => new DeleteMessagesFailure(cause, delete.ToSequenceNr)));
    }

    private void StartBatch()
    {
        var requests = new List<WriteMessages>();
        var writes = new List<AtomicWrite>();
        while (_queued.Count > 0 && (writes.Count == 0 || writes.Count + _queued.Peek().Writes.Count <= _maxWritesPerBatch))
        {
            var request = _queued.Dequeue();
            requests.Add(request);
            writes.AddRange(request.Writes);
        }
        _writing = true;
        _journal.WriteAsync(writes, CancellationToken.None).PipeTo(Self, Self,
            results => new BatchCompleted(requests, results, null),
            cause => new BatchCompleted(requests, null, cause));
    }

    private void OnBatchCompleted(BatchCompleted completed)
    {
        var index = 0;
        foreach (var request in completed.Requests)
        {
            foreach (var write in request.Writes)
            {
                var rejection = completed.Results?[index];
                request.ReplyTo.Tell(new WriteResult(write, request.InstanceId, rejection, completed.Failure), Self);
                index++;
            }
        }
        _writing = false;
        RequestFlush();
    }

    private void RequestFlush()
    {
        if (!_writing && !_flushPending && _queued.Count > 0)
        {
            _flushPending = true;
            Self.Tell(Flush.Instance, Self);
        }
    }

    private async Task Replay(ReplayMessages replay)
    {
        try
        {
            await foreach (var e in _journal.ReplayAsync(replay.PersistenceId, replay.FromSequenceNr, replay.ToSequenceNr, replay.Max, CancellationToken.None).ConfigureAwait(false))
            {
                replay.ReplyTo.Tell(new ReplayedMessage(e), null);
            }
            var highest = await _journal.ReadHighestSequenceNrAsync(replay.PersistenceId, CancellationToken.None).ConfigureAwait(false);
            replay.ReplyTo.Tell(new RecoverySuccess(highest), null);
        }
        catch (Exception e)
        {
            replay.ReplyTo.Tell(new ReplayMessagesFailure(e), null);
        }
    }

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed record BatchCompleted(List<WriteMessages> Requests, IReadOnlyList<Exception?>? Results, Exception? Failure);
}
