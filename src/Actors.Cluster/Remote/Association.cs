using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Everything this node has to do with one peer: its bounded send queue, the one WebSocket to it, and the
/// loops that write and read that socket. Of each node pair, the node with the lower address dials (and
/// dials again with backoff when the connection drops); the other accepts, so a pair never has two sockets.
/// </summary>
internal sealed partial class Association
{
    private readonly RemoteTransport _transport;
    private readonly Channel<Outbound> _queue;
    private readonly CancellationToken _stopping;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private Connection? _current;
    private TaskCompletionSource<Connection> _next = NewConnectionSource();
    private long _peerUid;
    private int _started;

    public Association(RemoteTransport transport, Address remote, CancellationToken stopping)
    {
        _transport = transport;
        Remote = remote;
        _stopping = stopping;
        _log = transport.Log;
        IsDialer = string.CompareOrdinal(transport.System.Address.ToString(), remote.ToString()) < 0;
        _queue = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(transport.Options.SendQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public Address Remote { get; }

    /// <summary>Whether this node dials the peer (its address sorts lower) or waits for the peer to dial.</summary>
    public bool IsDialer { get; }

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _current is { IsClosed: false };
            }
        }
    }

    /// <summary>Starts the writer loop and, on the dialing side, the dial loop; idempotent.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }
        _ = Task.Run(WriteLoopAsync);
        if (IsDialer)
        {
            _ = Task.Run(DialLoopAsync);
        }
    }

    public bool TryEnqueue(in Outbound outbound) => _queue.Writer.TryWrite(outbound);

    /// <summary>Takes over an accepted, authenticated socket from the peer and reads it until it closes.</summary>
    public async Task RunInboundAsync(WebSocket socket, PeerIdentity peer)
    {
        Start();
        var connection = new Connection(socket, peer);
        Attach(connection);
        await ReadLoopAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Drops the current connection (a network cut, or the peer was declared down).</summary>
    public void Disconnect()
    {
        Connection? current;
        lock (_gate)
        {
            current = _current;
        }
        current?.Close();
    }

    /// <summary>The open connection, or a task that completes with the next one.</summary>
    private Task<Connection> NextConnection()
    {
        lock (_gate)
        {
            return _current is { IsClosed: false } current ? Task.FromResult(current) : _next.Task;
        }
    }

    private void Attach(Connection connection)
    {
        var previousUid = Interlocked.Exchange(ref _peerUid, connection.Peer.SystemUid);
        if (previousUid != 0 && previousUid != connection.Peer.SystemUid)
        {
            // The peer restarted: its old actors are gone, so whoever watched them hears so now.
            _transport.OnPeerRestarted(Remote);
        }
        Connection? old;
        lock (_gate)
        {
            old = _current;
            _current = connection;
            _next.TrySetResult(connection);
        }
        old?.Close();
        _ = connection.Closed.ContinueWith(_ => OnClosed(connection), TaskScheduler.Default);
        RemoteLog.Connected(_log, Remote.ToString(), IsDialer ? "dialed" : "accepted");
    }

    private void OnClosed(Connection connection)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_current, connection))
            {
                return;
            }
            _current = null;
            _next = NewConnectionSource();
        }
        RemoteLog.Disconnected(_log, Remote.ToString());
    }

    private async Task DialLoopAsync()
    {
        var attempt = 0;
        var uri = new Uri($"ws://{Remote.Host}:{Remote.Port}{TransportOptions.EndpointPath}");
        while (!_stopping.IsCancellationRequested)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = _transport.Options.KeepAliveInterval;
            try
            {
                using (var connect = CancellationTokenSource.CreateLinkedTokenSource(_stopping))
                {
                    connect.CancelAfter(_transport.Options.HandshakeTimeout);
                    await socket.ConnectAsync(uri, connect.Token).ConfigureAwait(false);
                }
                var peer = await Handshake.DialAsync(
                    socket, _transport.Self, Remote, _transport.Key, _transport.Options.HandshakeTimeout, _stopping).ConfigureAwait(false);
                attempt = 0;
                var connection = new Connection(socket, peer);
                Attach(connection);
                await ReadLoopAsync(connection).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Any failure to connect or to prove the secret: give the socket up and dial again after a backoff.
                socket.Abort();
                if (_stopping.IsCancellationRequested)
                {
                    break;
                }
                if (attempt == 0 || e is ClusterProtocolException)
                {
                    RemoteLog.DialFailed(_log, Remote.ToString(), e.Message);
                }
            }
            finally
            {
                socket.Dispose();
            }
            var delay = ReconnectDelay(attempt++);
            try
            {
                await Task.Delay(delay, _stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan ReconnectDelay(int attempt)
    {
        var options = _transport.Options;
        var ticks = options.ReconnectMinBackoff.Ticks * Math.Pow(2, Math.Min(attempt, 20));
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.ReconnectMaxBackoff.Ticks));
    }

    private static TaskCompletionSource<Connection> NewConnectionSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
