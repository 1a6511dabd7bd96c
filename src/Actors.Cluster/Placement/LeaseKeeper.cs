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
