using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// This node's membership, meant to run as the system actor <c>/system/cluster-membership</c>
/// (<see cref="Name"/>). On start it joins (retrying with a backoff) and declares itself Up. Every
/// <see cref="MembershipOptions.HeartbeatInterval"/> after the previous tick ends, it writes its heartbeat,
/// reads every row, publishes <see cref="MemberEvent"/>s on the system's event stream and marks Down the
/// members its <see cref="FailureDetector"/> has seen silent for <see cref="MembershipOptions.DownAfter"/>.
/// A tick that fails (database unreachable, timeout) is logged and tried again next interval; silence
/// is judged only across ticks that succeeded, so its own outage never makes it down anyone. When it
/// finds its own row Down or superseded it publishes <see cref="SelfDowned"/> and stops; after that, or
/// after <see cref="Leave"/>, it neither heartbeats nor reads, and its state stays as last seen. Stopping the
/// actor without <see cref="Leave"/> is a crash as far as the others can tell: they down it after
/// <see cref="MembershipOptions.DownAfter"/>. Timers run on the system's <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class MembershipActor : ReceiveActor, IWithTimers
{
    /// <summary>The name to create it with under /system.</summary>
    public const string Name = "cluster-membership";

    private const string TickKey = "tick";
    private const string JoinKey = "join";
    private const string LeaveKey = "leave";

    private readonly MembershipStore _store;
    private readonly NodeInfo _node;
    private readonly MembershipOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FailureDetector _detector;

    // The current incarnation of every member that is not Down, this node included, by name.
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);

    // Members whose MemberUp was published for their current incarnation.
    private readonly HashSet<string> _announcedUp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _leaveRequesters = [];
    private Member? _self;
    private Phase _phase = Phase.Joining;
    private int _joinFailures;
    private int _leaveFailures;
    private int _failedTicks;

    /// <param name="store">The membership table; its schema must exist (<see cref="MembershipStore.EnsureSchemaAsync"/>).</param>
    /// <param name="node">This node.</param>
    /// <param name="options">Intervals and thresholds; the defaults when null.</param>
    /// <param name="logger">Where membership changes and database trouble are logged; nowhere when null.</param>
    public MembershipActor(MembershipStore store, NodeInfo node, MembershipOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        node.Validate();
        _options = options ?? new MembershipOptions();
        _options.Validate();
        _store = store;
        _node = node;
        _logger = logger ?? NullLogger.Instance;
        _time = Context.System.TimeProvider;
        _detector = new FailureDetector(_options, _time);

        ReceiveAsync<JoinAttempt>(_ => JoinAsync());
        ReceiveAsync<Tick>(_ => TickAsync());
        ReceiveAsync<Leave>(_ => LeaveAsync(Sender));
        ReceiveAsync<LeaveAttempt>(_ => LeaveStepAsync());
        Receive<GetClusterState>(_ => Sender.Tell(CurrentState(), Self));
    }

    private enum Phase
    {
        Joining,
        Active,
        Leaving,
        Left,
        Downed,
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for <see cref="ActorSystem.SystemActorOf"/>.</summary>
    public static Props CreateProps(MembershipStore store, NodeInfo node, MembershipOptions? options = null, ILogger? logger = null) =>
        Props.Create(() => new MembershipActor(store, node, options, logger));

    protected override void PreStart() => Self.Tell(JoinAttempt.Instance, Self);

    private async Task JoinAsync()
    {
        if (_phase != Phase.Joining)
        {
            return;
        }
        try
        {
            using var timeout = DatabaseTimeout();
            if (_self is not { Status: MemberStatus.Joining })
            {
                _self = await _store.JoinAsync(_node.Name, _node.Address, _node.Roles, timeout.Token);
                _logger.Joined(_node.Name, _self.Incarnation);
            }
            _self = await _store.SetStatusAsync(_self, MemberStatus.Up, timeout.Token);
        }
        catch (Exception error)
        {
            if (error is MembershipConflictException or InvalidOperationException)
            {
                // Someone else changed the row meanwhile (a join of the same name elsewhere, a downing): join anew.
                _self = null;
            }
            _joinFailures++;
            var delay = _options.RetryBackoff(_joinFailures);
            _logger.JoinFailed(_node.Name, _joinFailures, delay, error);
            Timers.StartSingleTimer(JoinKey, JoinAttempt.Instance, delay);
            return;
        }
        _joinFailures = 0;
        _phase = Phase.Active;
        Apply(_self);
        await TickAsync();
    }

    private async Task TickAsync()
    {
        if (_phase != Phase.Active || _self is null)
        {
            return;
        }
        var self = _self;
        var downed = false;
        IReadOnlyList<Member> rows;
        try
        {
            using var timeout = DatabaseTimeout();
            try
            {
                self = await _store.HeartbeatAsync(self, timeout.Token);
            }
            catch (MemberDownedException)
            {
                downed = true;
            }
            catch (MembershipConflictException conflict)
            {
                _logger.HeartbeatConflict(_node.Name, conflict.Message);
            }
            rows = await _store.ReadAllAsync(timeout.Token);
        }
        catch (Exception error)
        {
            _failedTicks++;
            if (_failedTicks == 1)
            {
                _logger.TickFailed(_node.Name, _options.HeartbeatInterval, error);
            }
            else
            {
                _logger.TickFailedAgain(_node.Name, _failedTicks, error);
            }
            ScheduleTick();
            return;
        }
        if (_failedTicks > 0)
        {
            // The silence seen across this node's own outage proves nothing about the others.
            _logger.DatabaseBack(_node.Name, _failedTicks);
            _failedTicks = 0;
            _detector.ResetSilence();
        }

        var own = rows.FirstOrDefault(row => string.Equals(row.NodeName, _node.Name, StringComparison.Ordinal));
        if (downed || own is null || own.Incarnation != self.Incarnation || own.Status == MemberStatus.Down)
        {
            OnSelfDowned(own is not null && own.Incarnation == self.Incarnation ? own : self,
                own is null ? "its row is gone"
                : own.Incarnation != self.Incarnation ? $"its row shows incarnation {own.Incarnation}"
                : "its row is Down");
            return;
        }
        _self = own.Version >= self.Version ? own : self;
        ApplyAll(rows);
        await DetectAsync();
        ScheduleTick();
    }

    private CurrentClusterState CurrentState() => new(
        [.. _members.Values.OrderBy(member => member.NodeName, StringComparer.Ordinal)],
        _unreachable.ToFrozenSet(StringComparer.Ordinal),
        _self);

    private void ScheduleTick() => Timers.StartSingleTimer(TickKey, Tick.Instance, _options.HeartbeatInterval);

    private CancellationTokenSource DatabaseTimeout() => new(_options.DatabaseTimeout, _time);

    private void Publish(MemberEvent memberEvent) => Context.System.EventStream.Publish(memberEvent);

    private sealed record JoinAttempt
    {
        public static readonly JoinAttempt Instance = new();
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record LeaveAttempt
    {
        public static readonly LeaveAttempt Instance = new();
    }
}
