using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>The failure detector on a hand-moved clock: polls every 500 ms, unreachable after 2 s, down after 4 s.</summary>
public sealed class FailureDetectorTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);
    private readonly TestTimeProvider _time = new();
    private readonly FailureDetector _detector;

    public FailureDetectorTests() => _detector = new FailureDetector(new MembershipOptions(), _time);

    [Fact]
    public void A_node_whose_counter_keeps_moving_stays_reachable()
    {
        for (var heartbeat = 0; heartbeat < 40; heartbeat++)
        {
            Poll(("b", 1, heartbeat));
            Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
            _time.Advance(s_interval);
        }
    }

    [Fact]
    public void A_silent_node_becomes_unreachable_after_2_s_and_should_be_downed_after_4_s()
    {
        Poll(("b", 1, 7));
        var verdicts = new List<NodeReachability>();
        for (var step = 1; step <= 10; step++)
        {
            _time.Advance(s_interval);
            Poll(("b", 1, 7));
            verdicts.Add(_detector.Check("b"));
        }

        // Silence 0.5 s ... 5 s; "longer than" the thresholds.
        Assert.Equal(
            [
                NodeReachability.Reachable, NodeReachability.Reachable, NodeReachability.Reachable, NodeReachability.Reachable,
                NodeReachability.Unreachable, NodeReachability.Unreachable, NodeReachability.Unreachable, NodeReachability.Unreachable,
                NodeReachability.ShouldBeDowned, NodeReachability.ShouldBeDowned,
            ],
            verdicts);
        Assert.Equal(TimeSpan.FromSeconds(5), _detector.SilenceOf("b"));
    }

    [Fact]
    public void An_unreachable_node_is_reachable_again_once_its_counter_moves()
    {
        PollSilently(("b", 1, 7), TimeSpan.FromSeconds(3));
        Assert.Equal(NodeReachability.Unreachable, _detector.Check("b"));

        _time.Advance(s_interval);
        Poll(("b", 1, 8));

        Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
        Assert.Equal(TimeSpan.Zero, _detector.SilenceOf("b"));
    }

    [Fact]
    public void A_new_incarnation_resets_the_silence_even_with_the_same_counter()
    {
        PollSilently(("b", 1, 0), TimeSpan.FromSeconds(5));
        Assert.Equal(NodeReachability.ShouldBeDowned, _detector.Check("b"));

        _time.Advance(s_interval);
        Poll(("b", 2, 0));

        Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
    }

    [Fact]
    public void Each_node_is_judged_on_its_own_silence()
    {
        Poll(("b", 1, 0), ("c", 1, 0));
        for (var step = 1; step <= 6; step++)
        {
            _time.Advance(s_interval);
            Poll(("b", 1, step), ("c", 1, 0));
        }

        Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
        Assert.Equal(NodeReachability.Unreachable, _detector.Check("c"));
        Assert.Equal(["b", "c"], _detector.Nodes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Silence_across_a_gap_in_the_observers_own_polls_does_not_count()
    {
        Poll(("b", 1, 7));
        _time.Advance(TimeSpan.FromSeconds(10));   // The observer could not poll (its own outage).
        Poll(("b", 1, 7));

        Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
        Assert.Equal(TimeSpan.Zero, _detector.SilenceOf("b"));

        // From there on, silence accrues again.
        PollSilently(("b", 1, 7), TimeSpan.FromMilliseconds(4500));
        Assert.Equal(NodeReachability.ShouldBeDowned, _detector.Check("b"));
    }

    [Fact]
    public void Silence_across_gaps_up_to_the_maximum_counts()
    {
        Poll(("b", 1, 7));
        for (var step = 0; step < 3; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1500));   // Exactly MaxObservationGap: slow polls, not an outage.
            Poll(("b", 1, 7));
        }

        Assert.Equal(NodeReachability.ShouldBeDowned, _detector.Check("b"));
    }

    [Fact]
    public void Reset_silence_counts_every_node_as_heard_from_now()
    {
        PollSilently(("b", 1, 7), TimeSpan.FromSeconds(3));
        Assert.Equal(NodeReachability.Unreachable, _detector.Check("b"));

        _detector.ResetSilence();

        Assert.Equal(NodeReachability.Reachable, _detector.Check("b"));
        PollSilently(("b", 1, 7), TimeSpan.FromSeconds(2.5));
        Assert.Equal(NodeReachability.Unreachable, _detector.Check("b"));
    }

    [Fact]
    public void A_node_missing_from_a_poll_is_forgotten()
    {
        Poll(("b", 1, 0), ("c", 1, 0));
        _time.Advance(s_interval);
        Poll(("c", 1, 1));

        Assert.Equal(["c"], _detector.Nodes);
        Assert.Throws<ArgumentException>(() => _detector.Check("b"));

        // Seen again later, it starts afresh.
        _time.Advance(s_interval);
        Poll(("b", 1, 0), ("c", 1, 2));
        Assert.Equal(TimeSpan.Zero, _detector.SilenceOf("b"));
    }

    [Fact]
    public void A_poll_listing_a_node_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => Poll(("b", 1, 0), ("b", 1, 1)));

    [Fact]
    public void The_thresholds_must_be_ordered()
    {
        Assert.ThrowsAny<ArgumentException>(() => new FailureDetector(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), _time));
        Assert.ThrowsAny<ArgumentException>(() => new FailureDetector(TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), _time));
        Assert.ThrowsAny<ArgumentException>(() => new FailureDetector(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.Zero, _time));
        Assert.ThrowsAny<ArgumentException>(() => new FailureDetector(new MembershipOptions { DownAfter = TimeSpan.FromSeconds(1) }, _time));
    }

    private void Poll(params (string Node, long Incarnation, long Heartbeat)[] poll) =>
        _detector.Observe(poll.Select(p => new HeartbeatObservation(p.Node, p.Incarnation, p.Heartbeat)));

    // Polls every interval for `duration` with an unchanged counter.
    private void PollSilently((string Node, long Incarnation, long Heartbeat) node, TimeSpan duration)
    {
        Poll(node);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += s_interval)
        {
            _time.Advance(s_interval);
            Poll(node);
        }
    }
}
