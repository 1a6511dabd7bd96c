using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MachineActors.Drivers.Zpl;

/// <summary>
/// Raw TCP to a Zebra printer (port 9100). Each call opens its own connection and closes it when
/// done, so a half-broken socket never outlives one operation. Every call is bounded by
/// <see cref="Timeout"/> (connect, write and read together) and the caller's token.
/// Failures: <see cref="ZebraConnectionException"/> (refused, unreachable, dropped),
/// <see cref="ZebraTimeoutException"/> (connected but no complete answer in time — a faulted Zebra
/// stays silent), <see cref="ZplFormatException"/> (an answer that is not a status);
/// cancellation by the caller's token surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class ZebraConnection
{
    /// <summary>The raw printing port of Zebra printers.</summary>
    public const int DefaultPort = 9100;

    /// <summary>Host query, error status: answered with one frame.</summary>
    public const string ErrorStatusCommand = "~HQES";

    /// <summary>Host status: answered with three frames.</summary>
    public const string HostStatusCommand = "~HS";

    /// <summary>Answers longer than this are refused; a status answer is well under 1 KiB.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private const byte Etx = 0x03;

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a connection description; nothing is opened until a call is made.</summary>
    public ZebraConnection(string host, int port = DefaultPort, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The printer's host name or address.</summary>
    public string Host { get; }

    /// <summary>The printer's TCP port.</summary>
    public int Port { get; }

    /// <summary>How long one call may take in total.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Sends ZPL (or any raw bytes) and closes the connection.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> zpl, CancellationToken cancellationToken = default)
    {
        await RunAsync(
            "send",
            async (stream, token) =>
            {
                await stream.WriteAsync(zpl, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends ~HQES and ~HS together and combines both answers (pause is only in ~HS on most models).</summary>
    public Task<ZebraStatus> QueryStatusAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(ErrorStatusCommand + HostStatusCommand, expectedFrames: 4, cancellationToken);

    /// <summary>Sends ~HQES only.</summary>
    public Task<ZebraStatus> QueryErrorStatusAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(ErrorStatusCommand, expectedFrames: 1, cancellationToken);

    /// <summary>Sends ~HS only.</summary>
    public Task<ZebraStatus> QueryHostStatusAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(HostStatusCommand, expectedFrames: 3, cancellationToken);

    private async Task<ZebraStatus> QueryAsync(string command, int expectedFrames, CancellationToken cancellationToken)
    {
        var response = await RunAsync(
            command,
            async (stream, token) =>
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(command), token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                return await ReadFramesAsync(stream, command, expectedFrames, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return ZplStatusParser.Parse(response);
    }

    private async Task<byte[]> ReadFramesAsync(NetworkStream stream, string command, int expectedFrames, CancellationToken token)
    {
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        var frames = 0;
        while (frames < expectedFrames)
        {
            var read = await stream.ReadAsync(buffer, token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ZebraConnectionException(
                    $"Printer {Host}:{Port} closed the connection after {received.Length} byte(s) of its {command} answer ({frames} of {expectedFrames} frames).");
            }

            if (received.Length + read > MaxResponseBytes)
            {
                throw new ZplFormatException($"Printer {Host}:{Port} sent more than {MaxResponseBytes} bytes without completing its {command} answer.");
            }

            received.Write(buffer, 0, read);
            frames += buffer.AsSpan(0, read).Count(Etx);
        }

        return received.ToArray();
    }

    private async Task<T> RunAsync<T>(string what, Func<NetworkStream, CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(Host, Port, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZebraConnectionException($"Could not connect to printer {Host}:{Port} within {Seconds(Timeout)} s.", ex);
        }
        catch (SocketException ex)
        {
            throw new ZebraConnectionException($"Could not connect to printer {Host}:{Port}: {ex.Message}", ex);
        }

        try
        {
            var stream = client.GetStream();
            await using (stream.ConfigureAwait(false))
            {
                var result = await exchange(stream, linked.Token).ConfigureAwait(false);
                CloseSending(client);
                return result;
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZebraTimeoutException(
                $"Printer {Host}:{Port} accepted the connection but did not complete '{what}' within {Seconds(Timeout)} s; a Zebra stays silent while it is faulted.",
                ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw new ZebraConnectionException($"Connection to printer {Host}:{Port} failed during '{what}': {ex.Message}", ex);
        }
    }

    private static void CloseSending(TcpClient client)
    {
        try
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The exchange already succeeded; a peer that resets while we close changes nothing.
        }
    }

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
