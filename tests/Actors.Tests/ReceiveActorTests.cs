using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Event;
using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    [Fact]
    public void Messages_from_one_sender_arrive_in_order_with_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        for (var i = 0; i < 100; i++)
        {
            echo.Tell(i, TestActor);
        }
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i, ExpectMsg<int>());
            Assert.Equal(echo, LastSender);
        }
    }

    [Fact]
    public void First_matching_handler_wins_and_predicates_filter()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TypedActor()));
        actor.Tell(5, TestActor);
        actor.Tell(-5, TestActor);
        actor.Tell("text", TestActor);
        actor.Tell(2.5, TestActor);
        Assert.Equal("positive 5", ExpectMsg<string>());
        Assert.Equal("int -5", ExpectMsg<string>());
        Assert.Equal("conditional text", ExpectMsg<string>());
        Assert.Equal("any 2.5", ExpectMsg<string>());
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OnlyStringsActor()));
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        actor.Tell(42, TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
    }

    [Fact]
    public void Become_replaces_and_BecomeStacked_pushes_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor()));
        actor.Tell("mood", TestActor);
        ExpectMsg("happy");
        actor.Tell("push-sad", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("sad");
        actor.Tell("pop", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("happy");
        actor.Tell("become-angry", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("angry");
        actor.Tell("pop", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("angry");
    }

    [Fact]
    public void Declaring_handlers_outside_the_constructor_fails_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LateDeclarationActor()));
        EventFilter.Exception<InvalidOperationException>(contains: "constructor").ExpectOne(() => actor.Tell("declare", TestActor));
    }

    [Fact]
    public void Names_must_be_unique_and_valid()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "unique");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "unique"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "has space"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), ""));
    }

    [Fact]
    public void A_parent_that_reserves_room_for_children_creates_them_under_the_same_name_rules()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ReservingParent()));
        parent.Tell(100, TestActor);
        Assert.Equal("children=100 found=True refused=True negative=True", ExpectMsg<string>());
    }

    [Fact]
    public void Generated_names_are_distinct_and_paths_nest_under_user()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        var b = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.NotEqual(a.Path.Name, b.Path.Name);
        Assert.StartsWith("$", a.Path.Name);
        Assert.Equal($"/user/{a.Path.Name}", a.Path.ToStringWithoutAddress());
        Assert.StartsWith($"ma://{Sys.Name}/user/", a.Path.ToString());
    }

    [Fact]
    public void Props_created_from_a_type_pass_constructor_arguments()
    {
        var actor = Sys.ActorOf(Props.Create(typeof(LifecycleActor), TestActor));
        ExpectMsg("PreStart");
        actor.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
    }

    [Fact]
    public void Props_with_state_pass_it_to_the_factory_for_every_incarnation()
    {
        var props = Props.Create(static (IActorRef probe) => new LifecycleActor(probe), TestActor);
        Assert.Equal(typeof(LifecycleActor), props.ActorType);
        var actor = Sys.ActorOf(props);
        ExpectMsg("PreStart");
        actor.Tell("incr", TestActor);
        EventFilter.Exception<InvalidOperationException>("asked to fail").ExpectOne(() => actor.Tell("fail", TestActor));
        ExpectMsg<Restarting>();
        ExpectMsg("PostStop");
        ExpectMsg("PostRestart");
        ExpectMsg("PreStart");
        actor.Tell("count", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void An_async_handler_allocates_nothing_for_a_message_it_does_not_take()
    {
        var handler = new AsyncMessageHandler<string>(_ => throw new InvalidOperationException("not run"), _ => Task.CompletedTask, null);
        object message = 42;
        Assert.False(handler.TryHandle(message));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var handled = handler.TryHandle(message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(handled);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Creating_an_actor_with_new_is_refused()
    {
        Assert.Throws<ActorInitializationException>(() => new EchoActor());
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));
        forwarder.Tell("via", TestActor);
        ExpectMsg("via");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Tell_without_sender_inside_an_actor_uses_the_actor_as_sender()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ImplicitSenderActor(TestActor)));
        actor.Tell("go", TestActor);
        ExpectMsg("from-actor");
        Assert.Equal(actor, LastSender);
    }

    private sealed class TypedActor : ReceiveActor
    {
        public TypedActor()
        {
            Receive<int>(i => Sender.Tell($"positive {i}", Self), i => i > 0);
            Receive<int>(i => Sender.Tell($"int {i}", Self));
            Receive<string>(s =>
            {
                Sender.Tell($"conditional {s}", Self);
                return true;
            });
            ReceiveAny(o => Sender.Tell($"any {o}", Self));
        }
    }

    private sealed class OnlyStringsActor : ReceiveActor
    {
        public OnlyStringsActor() => Receive<string>(_ => { });
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor() => Happy();

        private void Happy()
        {
            Receive<string>(s => s == "mood", _ => Sender.Tell("happy", Self));
            Common();
        }

        private void Common()
        {
            Receive<string>(s => s == "push-sad", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "mood", _ => Sender.Tell("sad", Self));
                Common();
            }));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "become-angry", _ => Become(() =>
            {
                Receive<string>(s => s == "mood", _ => Sender.Tell("angry", Self));
                Common();
            }));
        }
    }

    private sealed class LateDeclarationActor : ReceiveActor
    {
        public LateDeclarationActor() => Receive<string>(_ => Receive<int>(_ => { }));
    }

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(IActorRef target) => ReceiveAny(target.Forward);
    }

    private sealed class ImplicitSenderActor : ReceiveActor
    {
        public ImplicitSenderActor(IActorRef probe) => Receive<string>(_ => probe.Tell("from-actor"));
    }

    private sealed class ReservingParent : ReceiveActor
    {
        public ReservingParent() =>
            Receive<int>(count =>
            {
                Context.ReserveChildren(count);
                for (var i = 0; i < count; i++)
                {
                    Context.ActorOf(Props.Create<EchoActor>(), $"child-{i}");
                }
                var refused = Throws<InvalidActorNameException>(() => Context.ActorOf(Props.Create<EchoActor>(), "child-0"));
                var negative = Throws<ArgumentOutOfRangeException>(() => Context.ReserveChildren(-1));
                var children = Context.Children;
                var found = children.All(child => child is not null) && Context.Child("child-42") is not null;
                Sender.Tell($"children={children.Count} found={found} refused={refused} negative={negative}", Self);
            });

        private static bool Throws<T>(Action action)
            where T : Exception
        {
            try
            {
                action();
                return false;
            }
            catch (T)
            {
                return true;
            }
        }
    }
}
