using MachineActors.Actors;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Event;
using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Printing;
using MachineActors.Registry.Remoting;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// Two in-process nodes over loopback WebSockets: a front end, A, with no registry, and a station, B, with a real
/// registry on an in-memory config store and an in-memory journal (for print queues). <see cref="Remote"/> is B's
/// registry as A sees it, <see cref="Local"/> as B sees it.
/// </summary>
internal sealed class RegistryNodes : IAsyncDisposable
{
    public const string Secret = "registry-remoting-test-secret-0123";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private RegistryNodes(RemoteTransport a, RemoteTransport b, IActorRef local, InMemoryMachineConfigStore store)
    {
        A = a;
        B = b;
        Local = local;
        Store = store;
        Remote = a.ActorRefFor(b.Address, "/user/registry");
    }

    public RemoteTransport A { get; }

    public RemoteTransport B { get; }

    /// <summary>The registry on B, from B.</summary>
    public IActorRef Local { get; }

    /// <summary>The registry on B, from A.</summary>
    public IActorRef Remote { get; }

    public InMemoryMachineConfigStore Store { get; }

    public static async Task<RegistryNodes> StartAsync(RegistryOptions options, params MachineConfig[] configs)
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        a.Associate(b.Address);
        b.Associate(a.Address);
        var deadline = DateTime.UtcNow + s_timeout;
        while (!a.IsConnected(b.Address) || !b.IsConnected(a.Address))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("A and B did not connect.");
            }
            await Task.Delay(20);
        }
        var events = new EventTypeRegistry();
        var serializer = new EventSerializer(PrintQueueEventTypes.Register(MachineStoreEventTypes.Register(events)), 1024 * 1024);
        await PersistenceExtension.StartAsync(b.System, new InMemoryJournal(serializer), new InMemorySnapshotStore(serializer));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.System.EventStream.Subscribe(b.System.ActorOf(Props.Create(() => new ReadyListener(ready))), typeof(RegistryReady));
        var store = new InMemoryMachineConfigStore(configs);
        var registry = b.System.ActorOf(RegistryActor.Props(options, store), "registry");
        // Requests wait until the machines are loaded, not until they are initialised: wait for that too.
        await ready.Task.WaitAsync(s_timeout);
        return new RegistryNodes(a, b, registry, store);
    }

    public Task<T> AskLocal<T>(object request) => Local.Ask<T>(request, s_timeout);

    public Task<T> AskRemote<T>(object request) => Remote.Ask<T>(request, s_timeout);

    /// <summary>Asks B's registry from A and from B, and checks both get the same reply; returns the remote one.</summary>
    public async Task<T> AskBoth<T>(object request)
    {
        var remote = await AskRemote<T>(request);
        var local = await AskLocal<T>(request);
        Same.Assert(local, remote);
        return remote;
    }

    /// <summary>Asks from A and from B, expecting the same registry failure on both; returns the remote one.</summary>
    public async Task<RegistryOperationException> FailsBoth(object request, RegistryErrorKind kind)
    {
        var remote = await Assert.ThrowsAsync<RegistryOperationException>(() => AskRemote<object>(request));
        var local = await Assert.ThrowsAsync<RegistryOperationException>(() => AskLocal<object>(request));
        Assert.Equal((kind, local.Message), (remote.Kind, remote.Message));
        Assert.Equal(kind, local.Kind);
        return remote;
    }

    public async ValueTask DisposeAsync()
    {
        await A.System.Terminate().WaitAsync(s_timeout);
        await B.System.Terminate().WaitAsync(s_timeout);
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    private sealed class ReadyListener : ReceiveActor
    {
        public ReadyListener(TaskCompletionSource ready) => Receive<RegistryReady>(_ => ready.TrySetResult());
    }

    private static Task<RemoteTransport> StartNodeAsync() => RemoteTransport.StartAsync(
        "node",
        new TransportOptions { Host = "127.0.0.1", Port = 0, Secret = Secret },
        RegistryRemoting.Register(new RemoteMessageTypes()),
        new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Off });
}
