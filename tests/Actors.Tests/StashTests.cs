using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class StashTests : TestKit.TestKit
{
    [Fact]
    public void Stashed_messages_come_back_in_order_before_newer_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor)));
        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell("open", TestActor);
        actor.Tell("c", TestActor);
        Assert.Equal(["opened", "a", "b", "c"], ReceiveN(4).Cast<string>());
    }

    [Fact]
    public void Stashing_the_same_message_twice_fails()
    {
        // Stopped on failure: a restart would get the stashed message back and fail on it forever.
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(SupervisorStrategy.StoppingStrategy)));
        supervisor.Tell(Props.Create(() => new DoubleStashActor()), TestActor);
        var actor = ExpectMsg<IActorRef>();
        Watch(actor);
        EventFilter.Exception<InvalidOperationException>(contains: "twice").ExpectOne(() => actor.Tell("x", TestActor));
        ExpectTerminated(actor);
    }

    [Fact]
    public void Stashed_messages_survive_a_restart_and_reach_the_new_instance()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor)));
        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        EventFilter.Exception<InvalidOperationException>("crash while closed").ExpectOne(() => actor.Tell("crash", TestActor));
        ExpectMsg("restarted");
        actor.Tell("open", TestActor);
        Assert.Equal(["opened", "a", "b"], ReceiveN(3).Cast<string>());
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(TestActor)));
        actor.Tell("a", TestActor);
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        actor.Tell("stop", TestActor);
        Assert.Equal("a", ExpectMsg<Event.DeadLetter>().Message);
    }

    /// <summary>Stashes everything until "open", then unstashes and passes messages through.</summary>
    private sealed class GateActor : ReceiveActor, IWithStash
    {
        private readonly IActorRef _probe;

        public GateActor(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "open", _ =>
            {
                probe.Tell("opened", Self);
                Stash.UnstashAll();
                Become(() => Receive<string>(m => probe.Tell(m, Self)));
            });
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("crash while closed"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted", Self);
    }

    private sealed class DoubleStashActor : ReceiveActor, IWithStash
    {
        public DoubleStashActor() => Receive<string>(_ =>
        {
            Stash.Stash();
            Stash.Stash();
        });

        public IStash Stash { get; set; } = null!;
    }
}
