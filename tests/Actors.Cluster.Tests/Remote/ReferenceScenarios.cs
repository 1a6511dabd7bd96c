using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>
/// The runtime's reference semantics (order, ask, failures, timeouts, references inside messages, forwarding,
/// DeathWatch, PoisonPill), written once and run twice: with the actor in the same system as the probe, and
/// with the actor on another node. A remote reference must pass exactly what a local one passes.
/// </summary>
public abstract class ReferenceScenarios : IAsyncLifetime
{
    private int _probes;

    /// <summary>The system the test's probes live in.</summary>
    protected abstract ActorSystem Near { get; }

    /// <summary>Starts <paramref name="props"/> where the scenario wants it and returns how the near side refers to it.</summary>
    protected abstract IActorRef Spawn(Props props, string name);

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private TestProbe Probe() => new(Near, $"probe-{Interlocked.Increment(ref _probes)}");

    [Fact]
    public void Messages_from_one_sender_arrive_in_order()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var probe = Probe();
        for (var i = 0; i < 2_000; i++)
        {
            echo.Tell(new Ping(i), probe.Ref);
        }
        for (var i = 0; i < 2_000; i++)
        {
            Assert.Equal(new Pong(i), probe.ExpectMsg<Pong>());
        }
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var pong = await echo.Ask<Pong>(new Ping(42), TimeSpan.FromSeconds(5));
        Assert.Equal(42, pong.Number);
    }

    [Fact]
    public async Task A_failure_reply_faults_the_ask_with_its_message()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => echo.Ask<Pong>(new FailPlease("printer on fire"), TimeSpan.FromSeconds(5)));
        Assert.Equal("printer on fire", error.Message);
    }

    [Fact]
    public async Task An_unanswered_ask_times_out()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask<Pong>(new IgnoreMe("no reply"), TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void A_reference_inside_a_message_reaches_its_actor()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var probe = Probe();
        echo.Tell(new PongTo(probe.Ref, 7), null);
        Assert.Equal(new Pong(7), probe.ExpectMsg<Pong>());
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public void Forwarding_keeps_the_original_sender()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var target = Probe();
        var origin = Probe();
        echo.Tell(new ForwardTo(target.Ref, 3), origin.Ref);
        Assert.Equal(new Pong(3), target.ExpectMsg<Pong>());
        Assert.Equal(origin.Ref, target.LastSender);
    }

    [Fact]
    public void A_watcher_gets_exactly_one_Terminated_when_the_actor_stops()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var probe = Probe();
        probe.Watch(echo);
        echo.Tell(new Ping(1), probe.Ref);
        probe.ExpectMsg<Pong>();
        echo.Tell(new StopPlease(), probe.Ref);
        var terminated = probe.ExpectTerminated(echo);
        Assert.Equal(echo, terminated.ActorRef);
        Assert.False(terminated.AddressTerminated);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_a_stopped_actor_answers_Terminated_at_once()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var first = Probe();
        first.Watch(echo);
        echo.Tell(new StopPlease(), null);
        first.ExpectTerminated(echo);
        var late = Probe();
        late.Watch(echo);
        Assert.Equal(echo, late.ExpectTerminated(echo).ActorRef);
    }

    [Fact]
    public void An_unwatched_actor_sends_no_Terminated()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var probe = Probe();
        probe.Watch(echo);
        probe.Unwatch(echo);
        echo.Tell(new Ping(1), probe.Ref);
        probe.ExpectMsg<Pong>();
        echo.Tell(new StopPlease(), null);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void PoisonPill_stops_the_actor_after_earlier_messages()
    {
        var echo = Spawn(Props.Create<EchoActor>(), "echo");
        var probe = Probe();
        probe.Watch(echo);
        echo.Tell(new Ping(1), probe.Ref);
        echo.Tell(PoisonPill.Instance, probe.Ref);
        echo.Tell(new Ping(2), probe.Ref);
        Assert.Equal(new Pong(1), probe.ExpectMsg<Pong>());
        probe.ExpectTerminated(echo);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

/// <summary>The scenarios with the actor in the probe's own system.</summary>
public sealed class LocalReferenceScenarios : ReferenceScenarios
{
    private ActorSystem _system = null!;

    protected override ActorSystem Near => _system;

    protected override IActorRef Spawn(Props props, string name) => _system.ActorOf(props, name);

    public override Task InitializeAsync()
    {
        _system = ActorSystem.Create("local", new ActorSystemOptions { StandardErrorLogLevel = Event.LogLevel.Off });
        return Task.CompletedTask;
    }

    public override Task DisposeAsync() => _system.Terminate();
}

/// <summary>The same scenarios with the actor on node B and the probes on node A.</summary>
public sealed class RemoteReferenceScenarios : ReferenceScenarios
{
    private RemoteNodes _nodes = null!;

    protected override ActorSystem Near => _nodes.A.System;

    protected override IActorRef Spawn(Props props, string name) => _nodes.FromA(_nodes.B.System.ActorOf(props, name));

    public override async Task InitializeAsync() => _nodes = await RemoteNodes.StartAsync();

    public override async Task DisposeAsync() => await _nodes.DisposeAsync();
}
