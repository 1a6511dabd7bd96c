using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// A TCP proxy on loopback that the fault cases put between two parties. <see cref="Cut"/> drops every connection it
/// carries (both sides see the connection end) and refuses new ones (accepted and closed at once) until
/// <see cref="Heal"/>. <see cref="OnConnection"/> sees each accepted connection's number before it is forwarded, so a
/// test can change the world at an exact moment (e.g. make a printer go silent at its Nth connection).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Upstream)> _open = new();
    private readonly Task _accepting;
    private int _connections;
    private volatile bool _cut;

    public TcpProxy(int targetPort, int listenPort = 0)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far (refused ones included).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections refused while cut.</summary>
    public int Refused { get; private set; }

    public bool IsCut => _cut;

    /// <summary>Called with the number (from 1) of each accepted connection before it is forwarded.</summary>
    public Action<int>? OnConnection { get; set; }

    /// <summary>Drops every open connection and refuses new ones until <see cref="Heal"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var (id, pair) in _open)
        {
            Close(pair.Client);
            Close(pair.Upstream);
            _open.TryRemove(id, out _);
        }
    }

    public void Heal() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var number = Interlocked.Increment(ref _connections);
            OnConnection?.Invoke(number);
            if (_cut)
            {
                Refused++;
                Close(client);
                continue;
            }
            _ = Task.Run(() => ForwardAsync(number, client));
        }
    }

    private async Task ForwardAsync(int id, TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target, _stopping.Token);
            _open[id] = (client, upstream);
            if (_cut)
            {
                return;
            }
            // Each direction ends with its sender's end of stream, passed on as a half-close (a printer reads what was sent).
            await Task.WhenAll(
                PumpAsync(client, upstream, _stopping.Token),
                PumpAsync(upstream, client, _stopping.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Either side went away, or the proxy cut the connection.
        }
        finally
        {
            if (_open.TryRemove(id, out _))
            {
                client.Dispose();
                upstream.Dispose();
            }
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    to.Client?.Shutdown(SocketShutdown.Send);
                    return;
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // One side reset, or the proxy cut the connection: the other direction ends too.
            from.Dispose();
            to.Dispose();
        }
    }

    /// <summary>Abortive close: the peer sees a reset at once, as after a network cut, rather than an orderly end.</summary>
    private static void Close(TcpClient client)
    {
        // The pumps may have disposed it meanwhile (then Client is null, or the socket is disposed).
        var socket = client.Client;
        try
        {
            if (socket is not null)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        client.Dispose();
    }
}
