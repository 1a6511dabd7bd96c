using MachineActors.Actors;
using MachineActors.Actors.Persistence;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Persistence;

namespace MachineActors.Registry.Printing;

/// <summary>
/// One machine's print jobs ("print-jobs-&lt;machineId&gt;"). A job is persisted before it is acknowledged, runs
/// once, in order, one at a time, and its start is persisted before the machine is asked to print it. So after a
/// crash a job that was printing is found in state printing and reported interrupted — never printed again —
/// while queued jobs simply run. An idempotency key already used on the machine answers with its job instead of
/// printing again, for as long as the queue exists.
/// </summary>
internal sealed class PrintQueueActor : ReceivePersistentActor, IWithTimers
{
    private const string TimeoutKey = "job-timeout";

    private readonly Guid _machineId;
    private readonly IActorRef _registry;
    private readonly PrintQueueOptions _options;
    private readonly List<PrintJobRecord> _jobs = [];
    private readonly Dictionary<string, Guid> _keys = new(StringComparer.Ordinal);

    // Finished jobs with an idempotency key that dropped off the list: a retry of their key still answers with them.
    private readonly Dictionary<Guid, PrintJobRecord> _archive = [];
    private Guid? _running;

    // Set for a graceful stop: no new job starts; these wait for the running one to finish.
    private List<IActorRef>? _drainWaiters;

    public PrintQueueActor(Guid machineId, IActorRef registry, PrintQueueOptions options)
    {
        _machineId = machineId;
        _registry = registry;
        _options = options;
        Recover<SnapshotOffer>(offer => Load((PrintQueueSnapshot)offer.Snapshot));
        Recover<RecoveryCompleted>(_ => AfterRecovery());
        RecoverAny(Apply);
        Command<EnqueuePrintJob>(Enqueue);
        Command<GetPrintJobs>(_ => Sender.Tell(new PrintJobsResult([.. Enumerable.Reverse(_jobs).Select(View)]), Self));
        Command<GetPrintJob>(get =>
        {
            if (Find(get.JobId) is { } job)
            {
                Sender.Tell(new PrintJobResult(View(job)), Self);
            }
            else
            {
                Sender.Tell(new Status.Failure(new RegistryOperationException(RegistryErrorKind.NotFound, $"Print job '{get.JobId}' not found")), Self);
            }
        });
        Command<PrintJobProgressed>(progress =>
        {
            if (_running == progress.JobId)
            {
                PersistAsync(new PrintJobLabelPrintedEvent(progress.JobId, progress.LabelIndex), printed =>
                {
                    Apply(printed);
                    Publish(progress.JobId);
                });
            }
        });
        Command<PrintJobFinished>(finished =>
        {
            if (_running == finished.JobId)
            {
                var state = finished.Error is null ? PrintJobState.Completed
                    : finished.MayHavePrinted ? PrintJobState.Interrupted : PrintJobState.Failed;
                Finish(finished.JobId, state, finished.Error);
            }
        });
        Command<JobTimedOut>(timedOut =>
        {
            if (_running == timedOut.JobId)
            {
                Finish(timedOut.JobId, PrintJobState.Interrupted, $"The job did not finish within {_options.JobTimeout}; it may have printed and is not repeated.");
            }
        });
        Command<DrainPrinting>(_ =>
        {
            (_drainWaiters ??= []).Add(Sender);
            ReplyIfDrained();
        });
        DeleteEventsCoveredBySnapshots();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => $"print-jobs-{_machineId}";

    public static Props Props(Guid machineId, IActorRef registry, PrintQueueOptions options) =>
        MachineActors.Actors.Props.Create(() => new PrintQueueActor(machineId, registry, options));

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    /// <summary>
    /// The journal failed (a read at recovery or a write): the queue stops, and whoever waits for it is answered now
    /// rather than at their timeout. A job whose acceptance was not stored is refused (the client retries with its
    /// Idempotency-Key); a drain is answered at once, since nothing of this queue prints any more.
    /// </summary>
    protected override bool OnDroppedAfterFailure(object message, IActorRef? sender, Exception cause)
    {
        if (sender is null || sender.Equals(Self))
        {
            return false;
        }
        if (message is DrainPrinting)
        {
            sender.Tell(PrintingDrained.Instance, Self);
            return true;
        }
        var what = message switch
        {
            EnqueuePrintJob or PrintJobAcceptedEvent => "The print job was not stored",
            GetPrintJobs or GetPrintJob => "The print jobs cannot be read",
            _ => null,
        };
        if (what is null)
        {
            return false;
        }
        sender.Tell(new Status.Failure(new RegistryOperationException(RegistryErrorKind.Unavailable,
            $"{what}: the journal of machine {_machineId} failed ({cause.Message}); try again")), Self);
        return true;
    }

    private void Enqueue(EnqueuePrintJob request)
    {
        if (request.IdempotencyKey is { } key && _keys.TryGetValue(key, out var existing))
        {
            Sender.Tell(new PrintJobAccepted(View(Find(existing)!), Duplicate: true), Self);
            return;
        }
        var accepted = new PrintJobAcceptedEvent(
            Guid.NewGuid(),
            request.IdempotencyKey,
            [.. request.Labels.Select(l => new PersistedLabel(l.Content.ToArray(), l.ContentType, l.Name))],
            [.. request.Options.Values.Where(v => v.Value is not null).Select(v => new PersistedSetting(v.Key, PersistedValue.From(v.Value)!))],
            Now);
        Persist(accepted, stored =>
        {
            Apply(stored);
            Sender.Tell(new PrintJobAccepted(View(_jobs[^1]), Duplicate: false), Self);
            Publish(stored.JobId);
            RunNext();
        });
    }

    private void AfterRecovery()
    {
        // A job found printing was cut off by a stop of the node: it may have printed, so it is not run again.
        foreach (var job in _jobs.Where(j => j.State == PrintJobState.Printing).ToList())
        {
            Finish(job.Id, PrintJobState.Interrupted, "The node stopped while this job was printing; it may have printed and is not repeated.");
        }
        Defer(RecoveryCompleted.Instance, _ => RunNext());
    }

    private void ReplyIfDrained()
    {
        if (_drainWaiters is { } waiters && _running is null)
        {
            waiters.ForEach(waiter => waiter.Tell(PrintingDrained.Instance, Self));
            waiters.Clear();
        }
    }

    private void RunNext()
    {
        if (_drainWaiters is not null || _running is not null || _jobs.Find(j => j.State == PrintJobState.Queued) is not { } next)
        {
            return;
        }
        _running = next.Id;
        // PersistAsync: a backlog of jobs, each started from the previous one's handler, must not hold back
        // requests (retries, job lists) until the whole backlog is printed. _running guards the one-at-a-time rule.
        PersistAsync(new PrintJobStartedEvent(next.Id, Now), started =>
        {
            Apply(started);
            Publish(started.JobId);
            var job = _jobs.Find(j => j.Id == started.JobId)!;
            var options = job.Options.ToDictionary(o => o.Key, o => (object?)o.Value.ToValue());
            _registry.Tell(new RunPrintJob(_machineId, job.Id, [.. job.Labels.Select(l => new Label(l.Content, l.ContentType, l.Name))], options), Self);
            Timers.StartSingleTimer(TimeoutKey, new JobTimedOut(job.Id), _options.JobTimeout);
        });
    }

    private void Finish(Guid jobId, PrintJobState state, string? error) =>
        PersistAsync(new PrintJobFinishedEvent(jobId, state, error, Now), finished =>
        {
            Apply(finished);
            Publish(finished.JobId);
            if (_running == finished.JobId)
            {
                _running = null;
                Timers.Cancel(TimeoutKey);
                ReplyIfDrained();
            }
            if (!IsRecovering)
            {
                RunNext();
            }
        });

    private void Apply(object @event)
    {
        switch (@event)
        {
            case PrintJobAcceptedEvent accepted:
                _jobs.Add(new PrintJobRecord(accepted.JobId, accepted.IdempotencyKey, accepted.Labels, accepted.Labels.Count, accepted.Options,
                    PrintJobState.Queued, [], null, accepted.At, null, null));
                if (accepted.IdempotencyKey is { } key)
                {
                    _keys[key] = accepted.JobId;
                }
                break;
            case PrintJobStartedEvent started:
                Update(started.JobId, job => job with { State = PrintJobState.Printing, StartedAt = started.At });
                break;
            case PrintJobLabelPrintedEvent printed:
                Update(printed.JobId, job => job.PrintedLabels.Contains(printed.LabelIndex) ? job : job with { PrintedLabels = [.. job.PrintedLabels, printed.LabelIndex] });
                break;
            case PrintJobFinishedEvent finished:
                // A final job no longer needs its label bytes.
                Update(finished.JobId, job => job with { State = finished.State, Error = finished.Error, FinishedAt = finished.At, Labels = [] });
                Trim();
                break;
            default:
                return;
        }
        if (!IsRecovering && LastSequenceNr % _options.SnapshotEvery == 0)
        {
            SaveSnapshot(new PrintQueueSnapshot([.. _jobs], new Dictionary<string, Guid>(_keys), [.. _archive.Values]));
        }
    }

    private void Load(PrintQueueSnapshot snapshot)
    {
        _jobs.Clear();
        _jobs.AddRange(snapshot.Jobs);
        _keys.Clear();
        foreach (var (key, id) in snapshot.IdempotencyKeys)
        {
            _keys[key] = id;
        }
        _archive.Clear();
        foreach (var job in snapshot.Archive)
        {
            _archive[job.Id] = job;
        }
    }

    private PrintJobRecord? Find(Guid jobId) => _jobs.Find(j => j.Id == jobId) ?? _archive.GetValueOrDefault(jobId);

    private void Update(Guid jobId, Func<PrintJobRecord, PrintJobRecord> change)
    {
        var index = _jobs.FindIndex(j => j.Id == jobId);
        if (index >= 0)
        {
            _jobs[index] = change(_jobs[index]);
        }
    }

    /// <summary>
    /// Lists every unfinished job and the newest finished ones. Idempotency keys are kept for good, and so is (in the
    /// archive, without label bytes) each finished job that has one, so a late retry still gets its job back.
    /// </summary>
    private void Trim()
    {
        var finished = _jobs.Where(j => j.State is PrintJobState.Completed or PrintJobState.Failed or PrintJobState.Interrupted).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - _options.FinishedJobsKept)))
        {
            _jobs.Remove(old);
            if (old.IdempotencyKey is not null)
            {
                _archive[old.Id] = old;
            }
        }
    }

    private void Publish(Guid jobId)
    {
        if (_jobs.Find(j => j.Id == jobId) is { } job)
        {
            Context.System.EventStream.Publish(new PrintJobUpdated(View(job)));
        }
    }

    private PrintJobView View(PrintJobRecord job)
    {
        var copies = job.Options.FirstOrDefault(o => o.Key == "copies")?.Value.ToValue() is int c ? c : 1;
        var progress = job.State == PrintJobState.Completed ? 100 : job.LabelCount == 0 ? 0 : job.PrintedLabels.Count * 100 / job.LabelCount;
        return new PrintJobView(job.Id, _machineId, job.State, progress, job.LabelCount, copies, job.PrintedLabels, job.Error,
            job.IdempotencyKey, job.AcceptedAt, job.StartedAt, job.FinishedAt);
    }

    private sealed record JobTimedOut(Guid JobId);
}
