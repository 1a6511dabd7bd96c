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

    /// <summary>Starts A and B, each with the test messages unless given its own message types.</summary>
    public static async Task<RemoteNodes> StartAsync(
        Func<TransportOptions, TransportOptions>? configureA = null,
        Func<TransportOptions, TransportOptions>? configureB = null,
        RemoteMessageTypes? typesA = null,
        RemoteMessageTypes? typesB = null)
    {
        var a = await StartNodeAsync(configureA, types: typesA);
        var b = await StartNodeAsync(configureB, types: typesB);
        var nodes = new RemoteNodes(a, b);
        // Membership would tell each node about the other; the lower address dials.
        a.Associate(b.Address);
        b.Associate(a.Address);
        await Eventually.TrueAsync(() => a.IsConnected(b.Address) && b.IsConnected(a.Address), "A and B connect");
        return nodes;
    }

    public static Task<RemoteTransport> StartNodeAsync(
        Func<TransportOptions, TransportOptions>? configure = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers = null,
        RemoteMessageTypes? types = null)
    {
        var options = new TransportOptions { Host = "127.0.0.1", Port = 0, Secret = Secret };
        return RemoteTransport.StartAsync(
            "node",
            configure?.Invoke(options) ?? options,
            types ?? RemoteTestMessages.Types(),
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
