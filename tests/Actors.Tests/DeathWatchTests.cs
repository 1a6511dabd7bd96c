using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Watching_twice_still_delivers_exactly_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        watcher.Tell(new WatchIt(target), TestActor);
        watcher.Tell(new WatchIt(target), TestActor);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        Sys.Stop(target);
        Assert.Equal(target, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg();
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated_at_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        watcher.Tell(new WatchIt(target), TestActor);
        Assert.Equal(target, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg();
    }

    [Fact]
    public void Unwatch_suppresses_the_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        watcher.Tell(new WatchIt(target), TestActor);
        watcher.Tell(new UnwatchIt(target), TestActor);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        watcher.Tell(new WatchItWith(target, "custom-terminated"), TestActor);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        Sys.Stop(target);
        ExpectMsg("custom-terminated");
    }

    [Fact]
    public void Terminated_comes_after_the_messages_the_dead_actor_sent_before_stopping()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(TestActor)));
        var target = Sys.ActorOf(Props.Create(() => new LastWordsActor(watcher)));
        watcher.Tell(new WatchIt(target), TestActor);
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        target.Tell("speak", TestActor);
        ExpectMsg("last words");
        Assert.Equal(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void An_unhandled_Terminated_is_a_death_pact_that_stops_the_watcher()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new PactActor(target)));
        Watch(watcher);
        watcher.Tell("ready?", TestActor);
        ExpectMsg("ready");
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void A_parent_is_told_once_when_its_watched_child_stops()
    {
        var parent = Sys.ActorOf(Props.Create(() => new WatchingParent(TestActor)));
        var child = ExpectMsg<IActorRef>();
        child.Tell(PoisonPill.Instance, TestActor);
        Assert.Equal(child, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg();
        parent.Tell("children", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Ask_to_a_stopped_actor_fails_at_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var ask = target.Ask<string>("hello", TimeSpan.FromMinutes(1));
        Assert.True(ask.IsFaulted);
        Assert.IsType<AskTimeoutException>(ask.Exception!.InnerException);
    }

    private sealed record WatchIt(IActorRef Target);

    private sealed record WatchItWith(IActorRef Target, object Message);

    private sealed record UnwatchIt(IActorRef Target);

    private sealed class WatcherActor : ReceiveActor
    {
        public WatcherActor(IActorRef probe)
        {
            Receive<WatchIt>(w => Context.Watch(w.Target));
            Receive<WatchItWith>(w => Context.WatchWith(w.Target, w.Message));
            Receive<UnwatchIt>(w => Context.Unwatch(w.Target));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
            ReceiveAny(m => probe.Tell(m, Self));
        }
    }

    private sealed class LastWordsActor : ReceiveActor
    {
        public LastWordsActor(IActorRef listener) => Receive<string>(_ =>
        {
            listener.Tell("last words", Self);
            Context.Stop(Self);
        });
    }

    private sealed class PactActor : ReceiveActor
    {
        public PactActor(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => Sender.Tell("ready", Self));
        }
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            var child = Context.Watch(Context.ActorOf(Props.Create<EchoActor>(), "child"));
            probe.Tell(child, Self);
            Receive<Terminated>(t => probe.Tell(t, Self));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Count, Self));
        }
    }
}
