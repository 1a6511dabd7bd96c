using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Takes and keeps the machine leases one node (in one incarnation) needs: it retries the leases it waits for and
/// renews the ones it holds every <see cref="LeaseOptions.RenewInterval"/>, all in one batch (one acquire and one
/// renew statement for any number of machines), and tells each requester <see cref="LeaseGranted"/> and, when a
/// lease is gone, <see cref="LeaseLost"/>. One store operation runs at a time (pending releases, then renewals,
/// then acquisitions), so a release is never overtaken by an older renewal; it never blocks the mailbox, so the
/// fencing deadline is kept even while the database hangs, and one still running after
/// <see cref="LeaseOptions.FencingWindow"/> is cancelled and abandoned (its answer, if any, is ignored).
/// <para>
/// FENCING INVARIANT. A lease's local deadline is <c>t0 + Duration − SafetyMargin</c>, where <c>t0</c> is this
/// keeper's clock read BEFORE the acquire or renew call that last succeeded for it started. The database set
/// <c>expires_at = dbNow + Duration</c> while executing that call, and <c>dbNow</c> is no earlier than the instant
/// <c>t0</c> was read; no other node can take the row before the database clock passes <c>expires_at</c>. So
/// the holder sends <see cref="LeaseLost"/> (and the registry stops the machine's actor) at least SafetyMargin
/// before anyone else can acquire the row, whatever happened to the call's answer (slow, lost, failed). A
/// database outage therefore makes the holder give up every lease within Duration − SafetyMargin of its last
/// successful renewal's start. The deadline is checked before any renewal result is applied, so an answer that
/// arrives after the deadline never revives a lease, and a grant whose deadline has already passed is not used.
/// </para>
/// </summary>
public sealed partial class LeaseKeeper : ReceiveActor, IWithTimers
{
    private const string TickKey = "lease-tick";
    private const string FenceKey = "lease-fence";
    private const string OperationTimeoutKey = "lease-operation-timeout";

    private readonly ILeaseStore _store;
    private readonly string _ownerNode;
    private readonly long _incarnation;
    private readonly LeaseOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // Deadlines are offsets from this timestamp of the system's (monotonic) clock.
    private readonly long _origin;

    // Machines someone asked for, with whom to tell; every held machine is wanted too.
    private readonly Dictionary<string, IActorRef> _wanted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldLease> _held = new(StringComparer.Ordinal);

    // Released machines whose rows are still to be ended in the store, and who waits for that (ReleaseAll).
    private readonly HashSet<string> _toRelease = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _releaseWaiters = [];

    // The store operation running, if any (at most one at a time).
    private Operation? _inFlight;
    private long _lastOperationId;
    private bool _roundDue;
    private TimeSpan? _fenceArmedFor;

    /// <param name="store">Usually a <see cref="LeaseStore"/> whose schema exists.</param>
    /// <param name="ownerNode">This node's name.</param>
    /// <param name="incarnation">This run of the node; a restarted node uses a new one and cannot take its old leases before they expire.</param>
    /// <param name="options">Timings (validated here).</param>
    /// <param name="logger">Where lost leases and failed store calls are logged; nowhere when null.</param>
    public LeaseKeeper(ILeaseStore store, string ownerNode, long incarnation, LeaseOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(ownerNode);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _ownerNode = ownerNode;
        _incarnation = incarnation;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = Context.System.TimeProvider;
        _origin = _time.GetTimestamp();

        Receive<AcquireLease>(Acquire);
        Receive<ReleaseLease>(release => Release(release.MachineId));
        Receive<ReleaseAll>(_ => ReleaseEverything());
        Receive<GetHeldLeases>(_ =>
        {
            Fence();
            Sender.Tell(new HeldLeases(_held.ToDictionary(pair => pair.Key, pair => pair.Value.Epoch, StringComparer.Ordinal)), Self);
        });
        Receive<Tick>(_ =>
        {
            _roundDue = true;
            StartNextOperation();
        });
        Receive<FenceDue>(_ =>
        {
            _fenceArmedFor = null;
            Fence();
        });
        Receive<RoundCompleted>(RoundDone);
        Receive<OperationTimedOut>(TimedOut);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ILeaseStore store, string ownerNode, long incarnation, LeaseOptions options, ILogger? logger = null) =>
        MachineActors.Actors.Props.Create(() => new LeaseKeeper(store, ownerNode, incarnation, options, logger));

    /// <summary>
    /// Nobody renews the held leases any more (this keeper stops, or restarts and forgets them), so their
    /// requesters are told <see cref="LeaseLost"/> now: they stop the machines before the rows expire.
    /// </summary>
    protected override void PostStop()
    {
        _inFlight?.Cancellation.Cancel();
        foreach (var (id, held) in _held)
        {
            if (_wanted.TryGetValue(id, out var requester))
            {
                requester.Tell(new LeaseLost(id, held.Epoch), Self);
            }
        }
        _held.Clear();
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    private void Acquire(AcquireLease acquire)
    {
        var requester = acquire.NotifyTo ?? Sender;
        var id = acquire.MachineId;
        if (string.IsNullOrEmpty(id))
        {
            // Not thrown: a restart would forget the leases held for everyone else.
            requester.Tell(new Status.Failure(new ArgumentException("AcquireLease needs a machine id.", nameof(acquire))), Self);
            return;
        }
        // Not released yet: the row is still ours, and the next acquire takes it back at the same epoch.
        _toRelease.Remove(id);
        _wanted[id] = requester;
        Fence();
        if (_held.TryGetValue(id, out var held))
        {
            requester.Tell(new LeaseGranted(id, held.Epoch), Self);
            return;
        }
        UpdateTicking();
        _roundDue = true;
        StartNextOperation();
    }

    private void Release(string machineId)
    {
        _wanted.Remove(machineId);
        _held.Remove(machineId);
        _toRelease.Add(machineId);
        ArmFence();
        UpdateTicking();
        StartNextOperation();
    }

    private void ReleaseEverything()
    {
        _toRelease.UnionWith(_wanted.Keys);
        _wanted.Clear();
        _held.Clear();
        ArmFence();
        UpdateTicking();
        if (_toRelease.Count == 0 && _inFlight is not { Release.Length: > 0 })
        {
            Sender.Tell(LeasesReleased.Instance, Self);
            return;
        }
        _releaseWaiters.Add(Sender);
        StartNextOperation();
    }

    // One call at a time: releases, then renewals, then acquisitions, in one operation (three statements at most).
    private void StartNextOperation()
    {
        if (_inFlight is not null || (_toRelease.Count == 0 && !(_roundDue && _wanted.Count > 0)))
        {
            return;
        }
        _roundDue = false;
        var release = _toRelease.ToArray();
        _toRelease.Clear();
        var renew = _held.ToDictionary(pair => pair.Key, pair => pair.Value.Epoch, StringComparer.Ordinal);
        var acquire = _wanted.Keys.Where(id => !_held.ContainsKey(id)).ToArray();
        var operation = new Operation(++_lastOperationId, new CancellationTokenSource(), release);
        _inFlight = operation;
        // Past the fencing window a renewal's answer is useless anyway; waiting longer would only hold up the next calls.
        Timers.StartSingleTimer(OperationTimeoutKey, new OperationTimedOut(operation.Id), _options.FencingWindow);
        // t0 of the fencing invariant: read before any call starts.
        var startedAt = Now;
        RunAsync(release, [.. renew.Keys], acquire, operation.Cancellation.Token).PipeTo(Self, Self,
            result => new RoundCompleted(operation.Id, startedAt, renew, acquire.Length, result),
            error => new RoundCompleted(operation.Id, startedAt, renew, acquire.Length, new RoundResult(error, [], error, [], error)));
    }

    private async Task<RoundResult> RunAsync(string[] release, string[] renew, string[] acquire, CancellationToken cancellationToken)
    {
        Exception? releaseError = null;
        IReadOnlyCollection<string> renewed = [];
        Exception? renewError = null;
        IReadOnlyList<MachineLease> granted = [];
        Exception? acquireError = null;
        if (release.Length > 0)
        {
            try
            {
                await _store.ReleaseAsync(_ownerNode, _incarnation, release, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                releaseError = error;
            }
        }
        if (renew.Length > 0)
        {
            try
            {
                renewed = await _store.RenewAsync(_ownerNode, _incarnation, renew, _options.Duration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                renewError = error;
            }
        }
        if (acquire.Length > 0)
        {
            try
            {
                granted = await _store.TryAcquireAsync(_ownerNode, _incarnation, acquire, _options.Duration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                acquireError = error;
            }
        }
        return new RoundResult(releaseError, renewed, renewError, granted, acquireError);
    }

    private void RoundDone(RoundCompleted round)
    {
        if (_inFlight is not { } operation || operation.Id != round.OperationId)
        {
            // Abandoned after its time-out: whatever it answers is ignored.
            return;
        }
        Timers.Cancel(OperationTimeoutKey);
        operation.Cancellation.Dispose();
        _inFlight = null;
        // First whatever passed its deadline without a successful renewal: a late answer does not revive it.
        Fence();
        var now = Now;
        var deadline = round.StartedAt + _options.FencingWindow;
        var result = round.Result;
        if (result.ReleaseError is not null)
        {
            LogReleaseFailed(_logger, operation.Release.Length, result.ReleaseError);
        }
        if (result.RenewError is not null)
        {
            LogCallFailed(_logger, "renewal", round.RenewSent.Count, result.RenewError);
        }
        else if (round.RenewSent.Count > 0)
        {
            var renewed = result.Renewed as IReadOnlySet<string> ?? new HashSet<string>(result.Renewed, StringComparer.Ordinal);
            foreach (var (id, epoch) in round.RenewSent)
            {
                // Released (or lost and taken again) while the call ran: the answer is not about this lease.
                if (!_held.TryGetValue(id, out var held) || held.Epoch != epoch)
                {
                    continue;
                }
                if (renewed.Contains(id))
                {
                    _held[id] = held with { Deadline = deadline > held.Deadline ? deadline : held.Deadline };
                }
                else
                {
                    LogLostNotRenewed(_logger, id, epoch);
                    Lose(id, epoch);
                }
            }
        }
        if (result.AcquireError is not null)
        {
            LogCallFailed(_logger, "acquisition", round.AcquireCount, result.AcquireError);
        }
        foreach (var lease in result.Granted)
        {
            // No longer wanted (its release follows, as it is queued), already held, or granted too late to use
            // (the row stays ours until it expires, so the next round takes it back at the same epoch).
            if (!_wanted.TryGetValue(lease.MachineId, out var requester) || _held.ContainsKey(lease.MachineId) || deadline <= now)
            {
                continue;
            }
            _held[lease.MachineId] = new HeldLease(lease.Epoch, deadline);
            LogGranted(_logger, lease.MachineId, lease.Epoch);
            requester.Tell(new LeaseGranted(lease.MachineId, lease.Epoch), Self);
        }
        ArmFence();
        UpdateTicking();
        AfterOperation();
    }

    private void TimedOut(OperationTimedOut timedOut)
    {
        if (_inFlight is not { } operation || operation.Id != timedOut.OperationId)
        {
            return;
        }
        // Not disposed: the abandoned call may still register on its token.
        operation.Cancellation.Cancel();
        _inFlight = null;
        LogCallAbandoned(_logger, _options.FencingWindow);
        AfterOperation();
    }

    // Releases asked for before a ReleaseAll were in this call or an earlier one once none is left to do.
    private void AfterOperation()
    {
        if (_toRelease.Count == 0)
        {
            foreach (var waiter in _releaseWaiters)
            {
                waiter.Tell(LeasesReleased.Instance, Self);
            }
            _releaseWaiters.Clear();
        }
        StartNextOperation();
    }

    /// <summary>Gives up every lease whose deadline has come, then arms the timer for the next deadline.</summary>
    private void Fence()
    {
        var now = Now;
        List<string>? expired = null;
        foreach (var (id, held) in _held)
        {
            if (held.Deadline <= now)
            {
                (expired ??= []).Add(id);
            }
        }
        if (expired is not null)
        {
            foreach (var id in expired)
            {
                var epoch = _held[id].Epoch;
                LogLostDeadline(_logger, id, epoch, _options.FencingWindow);
                Lose(id, epoch);
            }
            UpdateTicking();
        }
        ArmFence();
    }

    private void Lose(string machineId, long epoch)
    {
        _held.Remove(machineId);
        if (_wanted.Remove(machineId, out var requester))
        {
            requester.Tell(new LeaseLost(machineId, epoch), Self);
        }
    }

    private void ArmFence()
    {
        if (_held.Count == 0)
        {
            if (_fenceArmedFor is not null)
            {
                Timers.Cancel(FenceKey);
                _fenceArmedFor = null;
            }
            return;
        }
        var earliest = _held.Values.Min(held => held.Deadline);
        if (_fenceArmedFor == earliest)
        {
            return;
        }
        _fenceArmedFor = earliest;
        Timers.StartSingleTimer(FenceKey, FenceDue.Instance, earliest - Now);
    }

    // The tick is periodic (its phase is not reset by new requests) and runs while anything is wanted.
    private void UpdateTicking()
    {
        if (_wanted.Count == 0)
        {
            Timers.Cancel(TickKey);
        }
        else if (!Timers.IsTimerActive(TickKey))
        {
            Timers.StartPeriodicTimer(TickKey, Tick.Instance, _options.RenewInterval);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Lease of machine '{MachineId}' granted at epoch {Epoch}.")]
    private static partial void LogGranted(ILogger logger, string machineId, long epoch);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Lease of machine '{MachineId}' (epoch {Epoch}) lost: the store did not renew it (it expired or another node holds it).")]
    private static partial void LogLostNotRenewed(ILogger logger, string machineId, long epoch);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning,
        Message = "Lease of machine '{MachineId}' (epoch {Epoch}) lost: no successful renewal within {Window} (the fencing deadline).")]
    private static partial void LogLostDeadline(ILogger logger, string machineId, long epoch, TimeSpan window);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Lease {Operation} of {Count} machine(s) failed; retrying on the next tick.")]
    private static partial void LogCallFailed(ILogger logger, string operation, int count, Exception error);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Lease release of {Count} machine(s) failed; those leases end when they expire.")]
    private static partial void LogReleaseFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "A lease store call did not finish within {Timeout}; abandoned, the next one starts.")]
    private static partial void LogCallAbandoned(ILogger logger, TimeSpan timeout);

    private sealed record HeldLease(long Epoch, TimeSpan Deadline);

    private sealed record Operation(long Id, CancellationTokenSource Cancellation, string[] Release);

    private sealed record RoundResult(Exception? ReleaseError, IReadOnlyCollection<string> Renewed, Exception? RenewError,
        IReadOnlyList<MachineLease> Granted, Exception? AcquireError);

    private sealed record RoundCompleted(long OperationId, TimeSpan StartedAt, IReadOnlyDictionary<string, long> RenewSent, int AcquireCount, RoundResult Result);

    private sealed record OperationTimedOut(long OperationId);

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record FenceDue
    {
        public static readonly FenceDue Instance = new();
    }
}
