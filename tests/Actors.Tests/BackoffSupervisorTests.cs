using MachineActors.Actors.Pattern;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class BackoffSupervisorTests : TestKit.TestKit
{
    public BackoffSupervisorTests()
        : base(manualTime: true)
    {
    }

    private BackoffOptions Options(IActorRef probe) =>
        new(Props.Create(() => new LifecycleActor(probe)), "worker", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), RandomFactor: 0)
        {
            ResetBackoff = TimeSpan.FromSeconds(30),
        };

    [Fact]
    public void A_failed_child_is_started_again_after_a_growing_delay()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor)));
        ExpectMsg("PreStart");
        FailChild(supervisor);
        Time.Advance(TimeSpan.FromSeconds(0.9));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromSeconds(0.1));
        ExpectMsg("PreStart");
        FailChild(supervisor);
        Time.Advance(TimeSpan.FromSeconds(1.9));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromSeconds(0.1));
        ExpectMsg("PreStart");
        supervisor.Tell(GetRestartCount.Instance, TestActor);
        Assert.Equal(2, ExpectMsg<RestartCount>().Count);
    }

    [Fact]
    public void The_restart_count_resets_after_the_child_runs_long_enough()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor)));
        ExpectMsg("PreStart");
        FailChild(supervisor);
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("PreStart");
        // The child's PreStart can run before the supervisor, still in the same handler, arms its reset timer.
        AwaitChildRunning(supervisor);
        Time.Advance(TimeSpan.FromSeconds(30));
        supervisor.Tell(GetRestartCount.Instance, TestActor);
        Assert.Equal(0, ExpectMsg<RestartCount>().Count);
    }

    [Fact]
    public void Messages_are_forwarded_to_the_current_child()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor)));
        ExpectMsg("PreStart");
        supervisor.Tell("hello", TestActor);
        ExpectMsg("hello");
        supervisor.Tell(GetCurrentChild.Instance, TestActor);
        Assert.Equal("worker", ExpectMsg<CurrentChild>().Ref!.Path.Name);
    }

    [Fact]
    public void The_supervisor_gives_up_after_the_retry_limit()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(Options(TestActor) with { MaxNrOfRetries = 1 }));
        ExpectMsg("PreStart");
        Watch(supervisor);
        FailChild(supervisor);
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("PreStart");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => supervisor.Tell("fail", TestActor));
        ExpectMsg("PostStop");
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void Delays_grow_exponentially_up_to_the_maximum_with_jitter()
    {
        var options = Options(TestActor) with { RandomFactor = 0.5 };
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(0, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), options.DelayFor(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayFor(10, 0));
        Assert.Equal(TimeSpan.FromSeconds(15), options.DelayFor(10, 1));
        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayFor(int.MaxValue, 0));
    }

    private void AwaitChildRunning(IActorRef supervisor)
    {
        supervisor.Tell(GetCurrentChild.Instance, TestActor);
        Assert.NotNull(ExpectMsg<CurrentChild>().Ref);
    }

    private void FailChild(IActorRef supervisor)
    {
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => supervisor.Tell("fail", TestActor));
        ExpectMsg("PostStop");
        // Wait until the supervisor has seen the child stop and armed its restart timer.
        AwaitAssert(() =>
        {
            supervisor.Tell(GetCurrentChild.Instance, TestActor);
            Assert.Null(ExpectMsg<CurrentChild>().Ref);
        });
    }
}
