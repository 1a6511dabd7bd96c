using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Event;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>Two in-process nodes, A and B, connected over loopback WebSockets with a shared secret.</summary>
internal sealed class RemoteNodes : IAsyncDisposable
{
    public const string Secret = "test-cluster-secret-0123456789";

    private RemoteNodes(RemoteTransport a, RemoteTransport b)
    {
        A = a;
        B = b;
    }

    public RemoteTransport A { get; }

    public RemoteTransport B { get; }

    public static async Task<RemoteNodes> StartAsync(
        Func<TransportOptions, TransportOptions>? configureA = null, Func<TransportOptions, TransportOptions>? configureB = null)
    {
        var a = await StartNodeAsync(configureA);
        var b = await StartNodeAsync(configureB);
        var nodes = new RemoteNodes(a, b);
        // Membership would tell each node about the other; the lower address dials.
        a.Associate(b.Address);
        b.Associate(a.Address);
        await Eventually.TrueAsync(() => a.IsConnected(b.Address) && b.IsConnected(a.Address), "A and B connect");
        return nodes;
    }

    public static Task<RemoteTransport> StartNodeAsync(
        Func<TransportOptions, TransportOptions>? configure = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        var options = new TransportOptions { Host = "127.0.0.1", Port = 0, Secret = Secret };
        return RemoteTransport.StartAsync(
            "node",
            configure?.Invoke(options) ?? options,
            RemoteTestMessages.Types(),
            new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Off },
            loggers);
    }

    /// <summary>How node A refers to an actor that runs on node B.</summary>
    public IActorRef FromA(IActorRef actorOnB) =>
        A.ActorRefFor(B.Address, actorOnB.Path.ToStringWithoutAddress() + "#" + actorOnB.Path.Uid);

    public async ValueTask DisposeAsync()
    {
        await A.System.Terminate();
        await B.System.Terminate();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
