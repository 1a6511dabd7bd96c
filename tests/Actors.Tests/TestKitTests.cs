using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Tests;

/// <summary>The TestKit's own expectations must fail when they are not met.</summary>
public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_fails_on_timeout_wrong_type_and_failed_predicate()
    {
        Assert.Throws<ExpectationFailedException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        TestActor.Tell(42, null);
        Assert.Throws<ExpectationFailedException>(() => ExpectMsg<string>());
        TestActor.Tell("other", null);
        Assert.Throws<ExpectationFailedException>(() => ExpectMsg("expected"));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_something_arrives()
    {
        TestActor.Tell("surprise", null);
        Assert.Throws<ExpectationFailedException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Within_fails_when_the_block_is_too_slow_or_too_fast()
    {
        Assert.Throws<ExpectationFailedException>(() => Within(TimeSpan.FromMilliseconds(100), () => Thread.Sleep(300)));
        Assert.Throws<ExpectationFailedException>(() => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => { }));
    }

    [Fact]
    public void Within_caps_the_expectations_inside_it()
    {
        var started = DateTime.UtcNow;
        Assert.Throws<ExpectationFailedException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>(TimeSpan.FromSeconds(10))));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void EventFilter_fails_when_the_count_does_not_match()
    {
        Assert.Throws<ExpectationFailedException>(() =>
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => { }, TimeSpan.FromMilliseconds(100)));
        Assert.Throws<ExpectationFailedException>(() =>
            EventFilter.Error(contains: "twice").ExpectOne(() =>
            {
                Sys.EventStream.Publish(new Event.Error(null, "t", typeof(object), "said twice"));
                Sys.EventStream.Publish(new Event.Error(null, "t", typeof(object), "said twice"));
            }, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_after_its_duration()
    {
        var attempts = 0;
        Assert.Throws<InvalidOperationException>(() => AwaitAssert(() =>
        {
            attempts++;
            throw new InvalidOperationException("never");
        }, TimeSpan.FromMilliseconds(100)));
        Assert.True(attempts > 1);
    }

    [Fact]
    public void Probes_watch_and_reply()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Send(echo, "ping");
        probe.ExpectMsgFrom<string>(echo);
        probe.Reply("pong");
        probe.ExpectMsg("pong");
        probe.Watch(echo);
        Sys.Stop(echo);
        probe.ExpectTerminated(echo);
    }

    [Fact]
    public void The_test_clock_fires_timers_in_due_order_and_only_when_advanced()
    {
        var time = new TestTimeProvider(DateTimeOffset.UnixEpoch);
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var periodic = time.CreateTimer(_ => fired.Add($"tick@{time.GetUtcNow().ToUnixTimeSeconds()}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        var disposed = time.CreateTimer(_ => fired.Add("disposed"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(["early", "tick@2", "late", "tick@4"], fired);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(4.5), time.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
    }
}
