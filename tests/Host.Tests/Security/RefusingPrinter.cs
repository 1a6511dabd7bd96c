using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MachineActors.Host.Tests.Security;

/// <summary>An HTTP endpoint on loopback that answers every request 401 (basic authentication), keeping each request's headers.</summary>
public sealed class RefusingPrinter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _accepting;

    public RefusingPrinter()
    {
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri PrinterUri => new($"ipp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ipp/print");

    /// <summary>The header block of every request received.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => AnswerAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var received = new StringBuilder();
                var buffer = new byte[8192];
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }
                var text = received.ToString();
                _requests.Enqueue(text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)]);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"printer\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The driver gave up first.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
