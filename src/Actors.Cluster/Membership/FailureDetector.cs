namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// Decides from successive polls of the member table which nodes have stopped heartbeating. A node's
/// silence is measured on the observer's own clock, from the moment the observer first saw the node's
/// current heartbeat counter (or incarnation), so the database's timestamps and clock skew between
/// machines play no part. Silence only accrues across polls that follow each other closely: after a
/// gap longer than the maximum (the observer's own outage or stall, when everyone's heartbeats may
/// have stalled with it) every node starts afresh. Not thread-safe: one owner, e.g. an actor.
/// </summary>
public sealed class FailureDetector
{
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long? _lastPoll;

    /// <param name="unreachableAfter">Silence after which a node is <see cref="NodeReachability.Unreachable"/>.</param>
    /// <param name="downAfter">Silence after which a node <see cref="NodeReachability.ShouldBeDowned"/>; more than <paramref name="unreachableAfter"/>.</param>
    /// <param name="maxObservationGap">The longest gap between two polls across which silence still counts.</param>
    /// <param name="timeProvider">The observer's clock (its timestamps, not its wall time).</param>
    public FailureDetector(TimeSpan unreachableAfter, TimeSpan downAfter, TimeSpan maxObservationGap, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(unreachableAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(downAfter, unreachableAfter);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxObservationGap, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        UnreachableAfter = unreachableAfter;
        DownAfter = downAfter;
        MaxObservationGap = maxObservationGap;
        _timeProvider = timeProvider;
    }

    /// <summary>A detector with <paramref name="options"/>' thresholds and maximum observation gap.</summary>
    public FailureDetector(MembershipOptions options, TimeProvider timeProvider)
        : this(Validated(options).UnreachableAfter, options.DownAfter, options.MaxObservationGap, timeProvider)
    {
    }

    public TimeSpan UnreachableAfter { get; }

    public TimeSpan DownAfter { get; }

    public TimeSpan MaxObservationGap { get; }

    /// <summary>The nodes being watched: those of the last poll.</summary>
    public IReadOnlyCollection<string> Nodes => _nodes.Keys;

    /// <summary>
    /// Feeds one successful poll: every node to watch with its incarnation and heartbeat counter (leave out
    /// the observer itself and Down members). Nodes missing from the poll are forgotten; a node seen for the
    /// first time, with a new incarnation or with a changed counter is heard from now.
    /// </summary>
    public void Observe(IEnumerable<HeartbeatObservation> poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var now = _timeProvider.GetTimestamp();
        if (_lastPoll is { } last && _timeProvider.GetElapsedTime(last, now) > MaxObservationGap)
        {
            ResetSilence(now);
        }
        _lastPoll = now;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var observation in poll)
        {
            ArgumentNullException.ThrowIfNull(observation.NodeName, nameof(poll));
            if (!seen.Add(observation.NodeName))
            {
                throw new ArgumentException($"The poll lists node '{observation.NodeName}' more than once.", nameof(poll));
            }
            if (!_nodes.TryGetValue(observation.NodeName, out var state)
                || state.Incarnation != observation.Incarnation
                || state.Heartbeat != observation.Heartbeat)
            {
                _nodes[observation.NodeName] = new NodeState(observation.Incarnation, observation.Heartbeat, now);
            }
        }
        foreach (var name in _nodes.Keys.Where(name => !seen.Contains(name)).ToList())
        {
            _nodes.Remove(name);
        }
    }

    /// <summary>Whether <paramref name="nodeName"/> (a node of the last poll) is still heard from.</summary>
    public NodeReachability Check(string nodeName)
    {
        var silence = SilenceOf(nodeName);
        return silence > DownAfter ? NodeReachability.ShouldBeDowned
            : silence > UnreachableAfter ? NodeReachability.Unreachable
            : NodeReachability.Reachable;
    }

    /// <summary>How long the observer has seen <paramref name="nodeName"/>'s counter stand still.</summary>
    public TimeSpan SilenceOf(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        if (!_nodes.TryGetValue(nodeName, out var state))
        {
            throw new ArgumentException($"Node '{nodeName}' is not being watched.", nameof(nodeName));
        }
        return _timeProvider.GetElapsedTime(state.ChangedAt);
    }

    /// <summary>
    /// Counts every node as heard from now: for the observer to call after its own outage, when the silence
    /// it would otherwise hold against the others proves nothing.
    /// </summary>
    public void ResetSilence() => ResetSilence(_timeProvider.GetTimestamp());

    private void ResetSilence(long now)
    {
        foreach (var name in _nodes.Keys.ToList())
        {
            _nodes[name] = _nodes[name] with { ChangedAt = now };
        }
    }

    private static MembershipOptions Validated(MembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private readonly record struct NodeState(long Incarnation, long Heartbeat, long ChangedAt);
}
