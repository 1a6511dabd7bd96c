using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.TestKit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>
/// One cluster node for a test: its own actor system on its own hand-moved clock, its membership actor,
/// a probe subscribed to its <see cref="MemberEvent"/>s and a logger that keeps what it logs.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TestTimeouts.Dilated(TimeSpan.FromSeconds(15));
    private static int s_number;

    private TestNode(string name, ActorSystem system, TestTimeProvider? time, IActorRef actor, TestProbe events, RecordingLogger log, MembershipOptions options)
    {
        Name = name;
        System = system;
        ManualTime = time;
        Actor = actor;
        Events = events;
        Log = log;
        Options = options;
    }

    public string Name { get; }

    public ActorSystem System { get; }

    public TestTimeProvider Time => ManualTime ?? throw new InvalidOperationException("This node runs on the real clock.");

    public IActorRef Actor { get; }

    public TestProbe Events { get; }

    public RecordingLogger Log { get; }

    public MembershipOptions Options { get; }

    private TestTimeProvider? ManualTime { get; }

    /// <summary>Starts the node's membership actor (it joins by itself); <paramref name="realClock"/> runs it on the system clock instead of a manual one.</summary>
    public static TestNode Start(string name, MembershipStore store, MembershipOptions options, bool realClock = false, params string[] roles)
    {
        var time = realClock ? null : new TestTimeProvider();
        var system = ActorSystem.Create(
            $"membership-{name}-{Interlocked.Increment(ref s_number)}",
            new ActorSystemOptions { TimeProvider = time ?? TimeProvider.System, StandardErrorLogLevel = Actors.Event.LogLevel.Off });
        var events = new TestProbe(system, "member-events");
        system.EventStream.Subscribe<MemberEvent>(events.Ref);
        var log = new RecordingLogger();
        var actor = system.SystemActorOf(
            MembershipActor.CreateProps(store, new NodeInfo(name, $"ws://{name}.test:7001/cluster", roles), options, log), MembershipActor.Name);
        return new TestNode(name, system, time, actor, events, log, options);
    }

    /// <summary>Waits for this node's own MemberUp and for the first poll that follows it.</summary>
    public async Task<TestNode> UpAsync()
    {
        Expect<MemberUp>(Name);
        await StateAsync();
        return this;
    }

    public Task<CurrentClusterState> StateAsync() =>
        Actor.Ask<CurrentClusterState>(GetClusterState.Instance, TimeSpan.FromDays(1)).WaitAsync(s_wait);

    /// <summary>
    /// Moves the clock one heartbeat interval, which fires the tick timer, and waits until the tick has run
    /// (the ask queues behind it; the actor takes one message at a time).
    /// </summary>
    public async Task TickAsync(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Time.Advance(Options.HeartbeatInterval);
            await StateAsync();
        }
    }

    /// <summary>The next event must be a <typeparamref name="T"/> about <paramref name="node"/>.</summary>
    public T Expect<T>(string node)
        where T : MemberEvent =>
        Events.ExpectMsg<T>(e => e.Member.NodeName == node, s_wait);

    /// <summary>Nothing published: after a tick has run, its events are already in the probe.</summary>
    public void ExpectNoEvents()
    {
        if (Events.HasMessages)
        {
            throw new ExpectationFailedException($"{Name} published {Events.ReceiveOne(TimeSpan.Zero)} unexpectedly.");
        }
    }

    /// <summary>Stops the membership actor without leaving, as a crash would: its heartbeats stop.</summary>
    public void Crash()
    {
        var watcher = new TestProbe(System, "crash-watcher");
        watcher.Watch(Actor);
        System.Stop(Actor);
        watcher.ExpectTerminated(Actor, s_wait);
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(s_wait);
}
