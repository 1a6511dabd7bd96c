using System.Net;
using System.Net.Sockets;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>
/// A loopback TCP forwarder to the test PostgreSQL that a test can cut (every connection is closed and new
/// ones are closed on arrival, as an unreachable database looks to Npgsql) and restore.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<TcpClient> _open = [];
    private readonly Task _accepting;
    private bool _cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public void Cut()
    {
        lock (_open)
        {
            _cut = true;
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_open)
        {
            _cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            if (!Track(client))
            {
                return;
            }
            await server.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            if (!Track(server))
            {
                return;
            }
            var upstream = client.GetStream().CopyToAsync(server.GetStream(), _stopping.Token);
            var downstream = server.GetStream().CopyToAsync(client.GetStream(), _stopping.Token);
            await Task.WhenAny(upstream, downstream);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A cut or a closed end: the other end is closed below.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            client.Dispose();
        }
    }

    private bool Track(TcpClient client)
    {
        lock (_open)
        {
            if (_cut)
            {
                client.Dispose();
                return false;
            }
            _open.Add(client);
            return true;
        }
    }
}
