using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using MachineActors.Actors.Event;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Node-to-node messaging: a Kestrel WebSocket endpoint on the cluster port, one authenticated connection per
/// node pair, and remote actor references that behave like local ones. Registered as an extension of the
/// actor system it creates, so its address carries the cluster host and port.
/// </summary>
public sealed class RemoteTransport : IAsyncDisposable
{
    /// <summary>Marks a connection that reached the endpoint, which logs its own refusals.</summary>
    private const string EndpointReached = "machineactors.cluster.endpoint";

    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<string, RemoteActorRef> _refs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Address, long> _dropped = new();
    private WebApplication? _server;
    private ActorSystem? _system;
    private int _disposed;

    private RemoteTransport(TransportOptions options, RemoteMessageTypes messages, ILoggerFactory loggers)
    {
        Options = options;
        Key = Handshake.KeyOf(options.Secret);
        Log = loggers.CreateLogger("MachineActors.Cluster.Transport");
        Serializer = new MessageSerializer(messages, new ActorRefJsonConverter(this));
    }

    public TransportOptions Options { get; }

    /// <summary>The actor system this transport serves; its address is this node's cluster address.</summary>
    public ActorSystem System => _system ?? throw new InvalidOperationException("The transport has not started.");

    public Address Address => System.Address;

    internal ILogger Log { get; }

    internal byte[] Key { get; }

    internal MessageSerializer Serializer { get; }

    internal RemoteWatches Watches { get; } = new();

    internal PeerIdentity Self { get; private set; } = null!;

    /// <summary>
    /// Starts the cluster endpoint, then the actor system named <paramref name="systemName"/> with the endpoint's
    /// host and (actual) port as its address.
    /// </summary>
    public static async Task<RemoteTransport> StartAsync(
        string systemName,
        TransportOptions options,
        RemoteMessageTypes messages,
        ActorSystemOptions? systemOptions = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messages);
        options.Validate();
        var transport = new RemoteTransport(options, messages, loggers ?? NullLoggerFactory.Instance);
        var port = await transport.StartServerAsync(loggers ?? NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        // The address other nodes dial (and this node proves it owns in the handshake): the advertised one, if any.
        var system = ActorSystem.Create(systemName, (systemOptions ?? new ActorSystemOptions()) with
        {
            Host = options.AdvertisedHost ?? options.Host,
            Port = options.AdvertisedPort ?? port,
        });
        transport._system = system;
        transport.Self = new PeerIdentity(system.Address, Random.Shared.NextInt64(1, long.MaxValue));
        system.RegisterExtension(transport);
        _ = system.WhenTerminated.ContinueWith(_ => transport.DisposeAsync().AsTask(), TaskScheduler.Default);
        RemoteLog.Listening(transport.Log, $"ws://{options.Host}:{port}{TransportOptions.EndpointPath}", system.Address.ToString());
        return transport;
    }

    /// <summary>The transport of a system started by <see cref="StartAsync"/>, if any.</summary>
    public static RemoteTransport? Of(ActorSystem system) => system.GetExtension<RemoteTransport>();

    /// <summary>
    /// A reference to the actor at <paramref name="path"/> on the node at <paramref name="address"/> (e.g.
    /// "/user/registry"); a local reference when the address is this node's. The actor's uid is not known, so
    /// it matches whichever incarnation runs there.
    /// </summary>
    public IActorRef ActorRefFor(Address address, string path)
    {
        var text = address + path + (path.Contains('#') ? "" : "#0");
        return ResolveFull(text) ?? throw new ArgumentException($"'{path}' is not an actor path such as /user/registry.", nameof(path));
    }

    /// <summary>Makes sure a connection to <paramref name="address"/> is (being) established, e.g. when a member comes up.</summary>
    public void Associate(Address address)
    {
        if (address != System.Address)
        {
            AssociationFor(address);
        }
    }

    /// <summary>Whether this node currently has an open connection to <paramref name="address"/>.</summary>
    public bool IsConnected(Address address) => _associations.TryGetValue(address, out var association) && association.IsConnected;

    /// <summary>Drops the connection to <paramref name="address"/> (the dialing side reconnects with backoff).</summary>
    public void Disconnect(Address address)
    {
        if (_associations.TryGetValue(address, out var association))
        {
            association.Disconnect();
        }
    }

    /// <summary>
    /// The node at <paramref name="address"/> has been declared down: every local watcher of one of its actors
    /// gets <see cref="Terminated"/> with AddressTerminated, and its connection is dropped.
    /// </summary>
    public void AddressTerminated(Address address)
    {
        var watches = Watches.TerminateAddress(address);
        RemoteLog.AddressTerminated(Log, address.ToString(), "declared down", watches);
        Disconnect(address);
    }

    internal void OnPeerRestarted(Address address)
    {
        var watches = Watches.TerminateAddress(address);
        RemoteLog.AddressTerminated(Log, address.ToString(), "restarted with a new incarnation", watches);
    }

    internal Association AssociationFor(Address address)
    {
        if (_associations.TryGetValue(address, out var existing))
        {
            return existing;
        }
        var association = _associations.GetOrAdd(address, a => new Association(this, a, _stopping.Token));
        association.Start();
        return association;
    }

    internal void Send(Association association, in Outbound outbound)
    {
        if (outbound.Kind == EnvelopeKind.User && !Serializer.IsAllowed(outbound.Message!.GetType()))
        {
            RemoteLog.NotRegistered(Log, outbound.Message.GetType().FullName ?? "?", association.Remote.ToString());
            DeadLetter(outbound.Message, outbound.Sender);
            return;
        }
        if (association.TryEnqueue(outbound))
        {
            return;
        }
        if (outbound.Message is { } message && outbound.Kind == EnvelopeKind.User)
        {
            DeadLetter(message, outbound.Sender);
        }
        // One log line per 1,000 drops, so a flood does not become a flood of log lines too.
        var dropped = _dropped.AddOrUpdate(association.Remote, 1, (_, n) => n + 1);
        if (dropped % 1000 == 1)
        {
            RemoteLog.QueueFull(Log, association.Remote.ToString(), Options.SendQueueCapacity, dropped);
        }
    }

    internal void DeadLetter(object message, IActorRef? sender) =>
        System.DeadLetters.Tell(new DeadLetter(message, sender, System.DeadLetters), sender);

    /// <summary>A local or remote reference for a full wire path; null when it is malformed.</summary>
    internal IActorRef? ResolveFull(string text)
    {
        if (_refs.TryGetValue(text, out var cached))
        {
            return cached;
        }
        if (!WirePath.TryParseFull(text, out var address, out var elements, out var uid))
        {
            return null;
        }
        if (address == System.Address)
        {
            return System.ResolveLocal(elements, uid) ?? System.DeadLetters;
        }
        var remote = new RemoteActorRef(this, WirePath.ToActorPath(address, elements, uid));
        if (_refs.Count < 100_000 && elements[0] != "temp")
        {
            _refs.TryAdd(text, remote);
        }
        return remote;
    }

    private async Task<int> StartServerAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "MachineActors.Cluster" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 8 * 1024;
            // A peer sends its upgrade request at once: a connection that sends nothing, or not all of it, is dropped
            // as soon as a slow handshake would be (Kestrel's defaults would hold it for up to two minutes).
            kestrel.Limits.KeepAliveTimeout = Options.HandshakeTimeout;
            kestrel.Limits.RequestHeadersTimeout = Options.HandshakeTimeout;
            if (IPAddress.TryParse(Options.Host, out var ip))
            {
                kestrel.Listen(ip, Options.Port, listen => listen.Use(WatchConnection));
            }
            else
            {
                kestrel.ListenAnyIP(Options.Port, listen => listen.Use(WatchConnection));
            }
        });
        var server = builder.Build();
        server.UseWebSockets(new WebSocketOptions { KeepAliveInterval = Options.KeepAliveInterval });
        server.Map(TransportOptions.EndpointPath, AcceptAsync);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = server;
        var bound = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(bound).Port;
    }

    /// <summary>
    /// Logs a connection that ends without having asked for the endpoint (bytes that are not HTTP, another path, or
    /// nothing before the timeout); Kestrel itself refuses those, and would log them only at Debug.
    /// </summary>
    private ConnectionDelegate WatchConnection(ConnectionDelegate next) => async connection =>
    {
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            if (!connection.Items.ContainsKey(EndpointReached))
            {
                RemoteLog.HandshakeRefused(Log, connection.RemoteEndPoint?.ToString() ?? "an unknown address",
                    $"it made no WebSocket request to {TransportOptions.EndpointPath} (not HTTP, another path, or nothing within {Options.HandshakeTimeout.TotalSeconds:0.#} s)");
            }
        }
    };

    private async Task AcceptAsync(HttpContext context)
    {
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is { } items)
        {
            items[EndpointReached] = true;
        }
        if (!context.WebSockets.IsWebSocketRequest || _system is null)
        {
            RemoteLog.HandshakeRefused(Log, remote, _system is null ? "the node is still starting" : "not a WebSocket upgrade request");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        PeerIdentity peer;
        try
        {
            peer = await Handshake.AcceptAsync(socket, Self, Key, Options.HandshakeTimeout, _stopping.Token).ConfigureAwait(false);
            if (peer.Address == Self.Address || string.CompareOrdinal(peer.Address.ToString(), Self.Address.ToString()) > 0)
            {
                throw new ClusterProtocolException($"{peer.Address} must wait for this node to dial it (the lower address dials).");
            }
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? "no valid handshake within the timeout" : e.Message;
            RemoteLog.HandshakeRefused(Log, remote, reason);
            await new Connection(socket, Self).CloseAsync(WebSocketCloseStatus.PolicyViolation, "handshake refused").ConfigureAwait(false);
            return;
        }
        var association = _associations.GetOrAdd(peer.Address, a => new Association(this, a, _stopping.Token));
        await association.RunInboundAsync(socket, peer).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var association in _associations.Values)
        {
            association.Disconnect();
        }
        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(timeout.Token).ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        // _stopping is not disposed: actors still stopping may create associations, which read its token.
    }
}
