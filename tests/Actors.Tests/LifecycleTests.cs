using MachineActors.Actors.Event;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void PreStart_runs_before_the_first_message_and_PostStop_after_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        actor.Tell("first", TestActor);
        ExpectMsg("PreStart");
        ExpectMsg("first");
        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg("PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void An_actor_stopped_before_it_ever_ran_is_created_first_then_stopped()
    {
        for (var i = 0; i < 200; i++)
        {
            Sys.Stop(Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor))));
            ExpectMsg("PreStart");
            ExpectMsg("PostStop");
        }
    }

    [Fact]
    public void Children_stop_before_their_parent_runs_PostStop()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, depth: 2)), "parent");
        // Each actor starts on its own mailbox: a child created by its parent's constructor may start first.
        Assert.Equal(["started child-1", "started child-2", "started parent"], ReceiveN(3).Cast<string>().Order(StringComparer.Ordinal));
        Sys.Stop(parent);
        Assert.Equal(["stopped child-2", "stopped child-1", "stopped parent"], ReceiveN(3).Cast<string>().ToArray());
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor_children_first_and_completes()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(probe.Ref, depth: 1)), "parent");
        Assert.Equal(["started child-1", "started parent"], probe.ReceiveN(2).Cast<string>().Order(StringComparer.Ordinal));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["stopped child-1", "stopped parent"], probe.ReceiveN(2).Cast<string>().ToArray());
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create<EchoActor>()));
    }

    [Fact]
    public async Task Coordinated_shutdown_runs_its_phases_in_order_before_actors_stop()
    {
        var order = new List<string>();
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new LifecycleActor(probe.Ref)));
        probe.ExpectMsg("PreStart");
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "second", _ =>
        {
            lock (order)
            {
                order.Add("cluster-leave");
            }
            return Task.CompletedTask;
        });
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "first", async _ =>
        {
            await Task.Yield();
            lock (order)
            {
                order.Add("service-unbind");
            }
        });
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "failing", _ => throw new InvalidOperationException("task failed"));
        Assert.Throws<ArgumentException>(() => Sys.CoordinatedShutdown.AddTask("no-such-phase", "x", _ => Task.CompletedTask));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["service-unbind", "cluster-leave"], order);
        probe.ExpectMsg("PostStop");
        Assert.Equal("ActorSystem.Terminate", Sys.CoordinatedShutdown.Reason);
    }

    [Fact]
    public void PoisonPill_stops_after_the_messages_queued_before_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("PreStart");
        actor.Tell("a", TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        actor.Tell("after", TestActor);
        ExpectMsg("a");
        ExpectMsg("PostStop");
        ExpectNoMsg();
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_decider_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("PreStart");
        Watch(actor);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance, TestActor));
        ExpectMsg("PostStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Identify_answers_with_the_actor_reference()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        actor.Tell(new Identify("id-1"), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(actor, identity.Subject);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        actor.Tell("lost", TestActor);
        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", deadLetter.Message);
        Assert.Equal(actor, deadLetter.Recipient);
        Assert.Equal(TestActor, deadLetter.Sender);
    }

    [Fact]
    public async Task A_stopped_name_can_be_reused_by_a_new_incarnation_that_is_a_different_reference()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "again");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() => Sys.ActorOf(Props.Create<EchoActor>(), "again"));
        var second = await Sys.ActorSelection("/user/again").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(gate, TestActor)));
        actor.Tell("block", TestActor);
        ExpectMsg("blocked");
        for (var i = 0; i < 10; i++)
        {
            actor.Tell($"queued {i}", TestActor);
        }
        Watch(actor);
        Sys.Stop(actor);
        gate.Set();
        ExpectTerminated(actor);
        ExpectNoMsg();
    }

    [Fact]
    public void Context_children_and_child_lookup_reflect_live_children()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, depth: 1)), "p");
        Assert.Equal(["started child-1", "started parent"], ReceiveN(2).Cast<string>().Order(StringComparer.Ordinal));
        parent.Tell("children", TestActor);
        Assert.Equal(["child-1"], ExpectMsg<string[]>());
    }

    private sealed class ParentActor : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _label;

        public ParentActor(IActorRef probe, int depth, string label = "parent")
        {
            _probe = probe;
            _label = label;
            if (depth > 0)
            {
                var level = label == "parent" ? 1 : int.Parse(label.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
                Context.ActorOf(Props.Create(() => new ParentActor(probe, depth - 1, $"child-{level}")), $"child-{level}");
            }
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Select(c => c.Path.Name).ToArray(), Self));
        }

        protected override void PreStart() => _probe.Tell($"started {_label}", Self);

        protected override void PostStop() => _probe.Tell($"stopped {_label}", Self);
    }

    private sealed class BlockingActor : ReceiveActor
    {
        public BlockingActor(ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked", Self);
                gate.Wait(TimeSpan.FromSeconds(10));
            });
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }
}
