using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Tests;

/// <summary>Timers, scheduler and receive timeout, all driven by a <see cref="TestTimeProvider"/>.</summary>
public sealed class TimeTests : TestKit.TestKit
{
    public TimeTests()
        : base(manualTime: true)
    {
    }

    [Fact]
    public void A_single_timer_fires_once_when_its_time_comes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("tick", TimeSpan.FromSeconds(5)), TestActor);
        ExpectMsg("armed");
        Time.Advance(TimeSpan.FromSeconds(4.9));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromSeconds(0.1));
        ExpectMsg("tick");
        Time.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg();
        actor.Tell(new IsActive("tick"), TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval_until_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartPeriodic("beat", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("armed");
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["beat", "beat", "beat"], ReceiveN(3).Cast<string>());
        actor.Tell(new CancelTimer("beat"), TestActor);
        ExpectMsg("cancelled");
        Time.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg();
    }

    [Fact]
    public void A_cancelled_timer_message_already_in_the_mailbox_is_not_delivered()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor, gate)));
        actor.Tell(new StartSingle("stale", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("armed");
        actor.Tell("block-then-cancel-stale", TestActor);
        ExpectMsg("blocked");
        // The timer fires while the actor is busy, so its message is queued; the handler then cancels it.
        Time.Advance(TimeSpan.FromSeconds(1));
        gate.Set();
        ExpectMsg("cancelled");
        ExpectNoMsg();
    }

    [Fact]
    public void Starting_a_timer_with_a_used_key_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("first", TimeSpan.FromSeconds(1), Key: "k"), TestActor);
        ExpectMsg("armed");
        actor.Tell(new StartSingle("second", TimeSpan.FromSeconds(2), Key: "k"), TestActor);
        ExpectMsg("armed");
        Time.Advance(TimeSpan.FromSeconds(5));
        ExpectMsg("second");
        ExpectNoMsg();
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("before-restart", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("armed");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail", TestActor));
        ExpectMsg("restarted");
        Time.Advance(TimeSpan.FromSeconds(2));
        ExpectNoMsg();
    }

    [Fact]
    public void The_scheduler_sends_once_and_repeatedly_on_the_clock()
    {
        var once = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "once", null);
        var repeated = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "again", null);
        var cancelled = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "never", null);
        cancelled.Cancel();
        Time.Advance(TimeSpan.FromSeconds(2));
        var messages = ReceiveN(3).Cast<string>().ToList();
        Assert.Equal(2, messages.Count(m => m == "again"));
        Assert.Contains("once", messages);
        repeated.Cancel();
        Time.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg();
        Assert.True(once.IsCancellationRequested);
        Assert.Equal(Time.GetUtcNow(), Sys.Scheduler.Now);
    }

    [Fact]
    public void Receive_timeout_fires_after_silence_and_is_reset_by_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleWatcherActor(TestActor, TimeSpan.FromSeconds(10))));
        ExpectMsg("ready");
        Time.Advance(TimeSpan.FromSeconds(8));
        actor.Tell("activity", TestActor);
        ExpectMsg("activity");
        Time.Advance(TimeSpan.FromSeconds(8));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("idle");
        actor.Tell("off", TestActor);
        ExpectMsg("off");
        Time.Advance(TimeSpan.FromMinutes(5));
        ExpectNoMsg();
    }

    private sealed record StartSingle(string Message, TimeSpan Delay, string? Key = null);

    private sealed record StartPeriodic(string Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _probe;

        public TimerActor(IActorRef probe, ManualResetEventSlim? gate = null)
        {
            _probe = probe;
            Receive<StartSingle>(s =>
            {
                Timers.StartSingleTimer(s.Key ?? s.Message, s.Message, s.Delay);
                Sender.Tell("armed", Self);
            });
            Receive<StartPeriodic>(s =>
            {
                Timers.StartPeriodicTimer(s.Message, s.Message, s.Interval);
                Sender.Tell("armed", Self);
            });
            Receive<CancelTimer>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("cancelled", Self);
            });
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key), Self));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(s => s == "block-then-cancel-stale", _ =>
            {
                Sender.Tell("blocked", Self);
                gate?.Wait(TimeSpan.FromSeconds(10));
                Timers.Cancel("stale");
                Sender.Tell("cancelled", Self);
            });
            Receive<string>(s => probe.Tell(s, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted", Self);
    }

    private sealed class IdleWatcherActor : ReceiveActor
    {
        public IdleWatcherActor(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => probe.Tell("idle", Self));
            Receive<string>(s => s == "off", _ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell("off", Self);
            });
            Receive<string>(s => probe.Tell(s, Self));
            probe.Tell("ready", ActorRefs.NoSender);
        }
    }
}
