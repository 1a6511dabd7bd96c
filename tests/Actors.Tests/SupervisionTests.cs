using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(5);

    [Fact]
    public void Restart_replaces_the_instance_drops_the_failing_message_and_keeps_the_mailbox()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("PreStart");
        actor.Tell("incr", TestActor);
        actor.Tell("incr", TestActor);
        EventFilter.Exception<InvalidOperationException>("asked to fail").ExpectOne(() =>
        {
            actor.Tell("fail", TestActor);
            actor.Tell("after", TestActor);
        });
        var restarting = ExpectMsg<Restarting>();
        Assert.Equal("asked to fail", restarting.Reason);
        Assert.Equal("fail", restarting.Message);
        ExpectMsg("PostStop");
        ExpectMsg("PostRestart");
        ExpectMsg("PreStart");
        ExpectMsg("after");
        actor.Tell("count", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Resume_keeps_the_state()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(new OneForOneStrategy(_ => Directive.Resume))));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        child.Tell("incr", TestActor);
        EventFilter.Warning(contains: "asked to fail").ExpectOne(() => child.Tell("fail", TestActor));
        child.Tell("incr", TestActor);
        child.Tell("count", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(SupervisorStrategy.StoppingStrategy)));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        Watch(child);
        child.Tell("fail", TestActor);
        ExpectMsg("PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Exception_in_constructor_stops_the_actor_with_an_initialization_failure()
    {
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
        {
            var actor = Sys.ActorOf(Props.Create(() => new ThrowingConstructorActor()));
            Watch(actor);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void Exception_in_PreStart_stops_the_actor_and_runs_PostStop()
    {
        var probe = CreateTestProbe();
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>(contains: "prestart boom").ExpectOne(() =>
        {
            actor = Sys.ActorOf(Props.Create(() => new ThrowingPreStartActor(probe.Ref)));
            probe.Watch(actor);
        });
        probe.ExpectMsg("PostStop");
        probe.ExpectTerminated(actor!);
    }

    [Fact]
    public void Escalate_fails_the_parent_which_its_own_supervisor_restarts()
    {
        var parentProbe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ReportingParent(parentProbe.Ref, _ => Directive.Escalate)));
        parentProbe.ExpectMsg("parent started");
        parent.Tell("child", TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        child.Tell("fail", TestActor);
        var restarting = parentProbe.ExpectMsg<Restarting>();
        Assert.Equal("asked to fail", restarting.Reason);
        ExpectMsg("PostStop");
        parentProbe.ExpectMsg("parent started");
    }

    [Fact]
    public void Exception_in_a_supervisor_strategy_fails_the_supervisor()
    {
        var parentProbe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ReportingParent(parentProbe.Ref, _ => throw new NotSupportedException("decider broke"))));
        parentProbe.ExpectMsg("parent started");
        parent.Tell("child", TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        EventFilter.Exception<NotSupportedException>("decider broke").ExpectOne(() => child.Tell("fail", TestActor));
        var restarting = parentProbe.ExpectMsg<Restarting>();
        Assert.Equal("decider broke", restarting.Reason);
        parentProbe.ExpectMsg("parent started");
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(new AllForOneStrategy(_ => Directive.Restart))));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        supervisor.Tell(Props.Create(() => new LifecycleActor(first.Ref)), TestActor);
        var a = ExpectMsg<IActorRef>();
        supervisor.Tell(Props.Create(() => new LifecycleActor(second.Ref)), TestActor);
        ExpectMsg<IActorRef>();
        first.ExpectMsg("PreStart");
        second.ExpectMsg("PreStart");
        a.Tell("fail", TestActor);
        Assert.Equal("asked to fail", first.ExpectMsg<Restarting>().Reason);
        Assert.Equal("asked to fail", second.ExpectMsg<Restarting>().Reason);
        first.FishForMessage<string>(s => s == "PostRestart");
        second.FishForMessage<string>(s => s == "PostRestart");
    }

    [Fact]
    public void OneForOne_leaves_siblings_alone()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(SupervisorStrategy.DefaultStrategy)));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        supervisor.Tell(Props.Create(() => new LifecycleActor(first.Ref)), TestActor);
        var a = ExpectMsg<IActorRef>();
        supervisor.Tell(Props.Create(() => new LifecycleActor(second.Ref)), TestActor);
        ExpectMsg<IActorRef>();
        first.ExpectMsg("PreStart");
        second.ExpectMsg("PreStart");
        a.Tell("fail", TestActor);
        first.ExpectMsg<Restarting>();
        second.ExpectNoMsg();
    }

    [Fact]
    public void Max_retries_zero_means_never_restart()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(new OneForOneStrategy(0, null, _ => Directive.Restart))));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        Watch(child);
        child.Tell("fail", TestActor);
        ExpectMsg("PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public async Task Escalating_out_of_the_user_guardian_terminates_the_system()
    {
        var system = ActorSystem.Create("escalating", new ActorSystemOptions
        {
            GuardianSupervisorStrategy = new OneForOneStrategy(_ => Directive.Escalate),
            StandardErrorLogLevel = Event.LogLevel.Off,
        });
        var actor = system.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("PreStart");
        actor.Tell("fail", TestActor);
        ExpectMsg("PostStop");
        await system.WhenTerminated.WaitAsync(s_long);
    }

    [Fact]
    public void Child_restart_stats_follow_akka_rules()
    {
        var start = DateTimeOffset.UnixEpoch;
        var unlimited = new ChildRestartStats();
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(unlimited.RequestRestartPermission(-1, null, start)));

        var never = new ChildRestartStats();
        Assert.False(never.RequestRestartPermission(0, TimeSpan.FromMinutes(1), start));

        var counted = new ChildRestartStats();
        Assert.True(counted.RequestRestartPermission(2, null, start));
        Assert.True(counted.RequestRestartPermission(2, null, start.AddHours(5)));
        Assert.False(counted.RequestRestartPermission(2, null, start.AddHours(10)));

        var windowed = new ChildRestartStats();
        Assert.True(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start));
        Assert.True(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start.AddSeconds(1)));
        Assert.False(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start.AddSeconds(2)));
        // Outside the window a new window starts and counts this restart as its first.
        Assert.True(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start.AddSeconds(11)));
        Assert.True(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start.AddSeconds(12)));
        Assert.False(windowed.RequestRestartPermission(2, TimeSpan.FromSeconds(10), start.AddSeconds(13)));
    }

    [Fact]
    public void Default_decider_stops_on_initialization_kill_and_death_pact_and_restarts_otherwise()
    {
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException(null, "x", null)));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException("x")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException(ActorRefs.Nobody)));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
    }

    private sealed class ThrowingConstructorActor : ReceiveActor
    {
        public ThrowingConstructorActor() => throw new InvalidOperationException("constructor boom");
    }

    private sealed class ThrowingPreStartActor(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("prestart boom");

        protected override void PostStop() => probe.Tell("PostStop", Self);
    }

    /// <summary>Creates children on request and reports its own lifecycle, supervising with the given decider.</summary>
    private sealed class ReportingParent : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly Func<Exception, Directive> _decider;

        public ReportingParent(IActorRef probe, Func<Exception, Directive> decider)
        {
            _probe = probe;
            _decider = decider;
            Receive<string>(s => s == "child", _ =>
            {
                // Capture the sender now: the Props factory runs later, on the child's mailbox.
                var requester = Sender;
                requester.Tell(Context.ActorOf(Props.Create(() => new LifecycleActor(requester))), Self);
            });
        }

        protected override void PreStart() => _probe.Tell("parent started", Self);

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell(new Restarting(reason.Message, message), Self);
            base.PreRestart(reason, message);
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_decider);
    }
}
