using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

/// <summary>
/// A loopback stand-in for a Zebra printer on raw TCP. It records every byte it receives (per
/// connection), answers ~HQES and ~HS from the configured flags, and can be told to stay silent,
/// to stay silent while faulted (as a real Zebra does), to drop connections, to answer only in
/// part, to trickle its answer byte by byte, or to send a canned answer.
/// </summary>
public sealed class FakeZebra : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<byte[]> _completedConnections = Channel.CreateUnbounded<byte[]>();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _connectionCount;

    public FakeZebra()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public enum Behavior
    {
        /// <summary>Answers every status query.</summary>
        Answer,

        /// <summary>Accepts and reads but never answers.</summary>
        Silent,

        /// <summary>Closes each connection as soon as it is accepted.</summary>
        CloseOnConnect,

        /// <summary>Sends the first half of each answer, then closes.</summary>
        PartialThenClose,

        /// <summary>Sends the first half of each answer, then goes silent.</summary>
        PartialThenSilent,

        /// <summary>Sends each answer one byte at a time.</summary>
        Trickle,
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public Behavior Mode { get; set; } = Behavior.Answer;

    /// <summary>Like a real Zebra: no answer at all while any error flag is set.</summary>
    public bool SilentWhenFaulted { get; set; }

    public ZebraErrorFlags Errors { get; set; }

    public ZebraWarningFlags Warnings { get; set; }

    public bool Paused { get; set; }

    /// <summary>When set, every query is answered with exactly this text instead.</summary>
    public string? CannedAnswer { get; set; }

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public ZebraConnection Connect(TimeSpan? timeout = null) => new(Host, Port, timeout ?? TimeSpan.FromSeconds(2));

    /// <summary>The bytes of the next connection to close, in the order connections closed.</summary>
    public async Task<byte[]> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await _completedConnections.Reader.ReadAsync(wait.Token);
    }

    /// <summary>Stops listening, so new connections are refused.</summary>
    public void StopListening() => _listener.Stop();

    public static string ErrorStatusAnswer(ZebraErrorFlags errors, ZebraWarningFlags warnings) =>
        "\u0002\r\n\r\n  PRINTER STATUS\r\n"
        + $"   ERRORS:         {FlagLine((ulong)errors)}\r\n"
        + $"   WARNINGS:       {FlagLine((ulong)warnings)}\r\n"
        + "\u0003\r\n";

    public static string HostStatusAnswer(bool paperOut, bool paused, bool headUp, bool ribbonOut) =>
        $"\u0002030,{Bit(paperOut)},{Bit(paused)},1225,000,0,0,0,000,0,0,0\u0003\r\n"
        + $"\u0002001,0,{Bit(headUp)},{Bit(ribbonOut)},1,2,6,0,00000000,1,000\u0003\r\n"
        + "\u00021234,0\u0003\r\n";

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private static string FlagLine(ulong flags) =>
        string.Create(CultureInfo.InvariantCulture, $"{(flags == 0 ? 0 : 1)} {flags >> 32:X8} {flags & 0xFFFFFFFF:X8}");

    private static char Bit(bool value) => value ? '1' : '0';

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var received = new MemoryStream();
        try
        {
            if (Mode == Behavior.CloseOnConnect)
            {
                client.Client.Close();
                return;
            }

            var stream = client.GetStream();
            var buffer = new byte[4096];
            var scanned = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                received.Write(buffer, 0, read);
                var text = Encoding.Latin1.GetString(received.ToArray());
                while (NextCommand(text, ref scanned) is { } command)
                {
                    if (!await AnswerAsync(stream, client, command))
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _completedConnections.Writer.TryWrite(received.ToArray());
            client.Dispose();
        }
    }

    /// <summary>Finds the next complete ~HQES or ~HS from <paramref name="scanned"/> on.</summary>
    private static string? NextCommand(string text, ref int scanned)
    {
        while (true)
        {
            var tilde = text.IndexOf('~', scanned);
            if (tilde < 0)
            {
                scanned = text.Length;
                return null;
            }

            var rest = text[tilde..];
            foreach (var command in new[] { ZebraConnection.ErrorStatusCommand, ZebraConnection.HostStatusCommand })
            {
                if (rest.StartsWith(command, StringComparison.Ordinal))
                {
                    scanned = tilde + command.Length;
                    return command;
                }

                if (command.StartsWith(rest, StringComparison.Ordinal))
                {
                    scanned = tilde;
                    return null;
                }
            }

            scanned = tilde + 1;
        }
    }

    /// <summary>Answers one command; false when the connection must end.</summary>
    private async Task<bool> AnswerAsync(NetworkStream stream, TcpClient client, string command)
    {
        if (Mode == Behavior.Silent || (SilentWhenFaulted && Errors != ZebraErrorFlags.None))
        {
            return true;
        }

        var answer = CannedAnswer ?? (command == ZebraConnection.ErrorStatusCommand
            ? ErrorStatusAnswer(Errors, Warnings)
            : HostStatusAnswer(
                Errors.HasFlag(ZebraErrorFlags.MediaOut),
                Paused,
                Errors.HasFlag(ZebraErrorFlags.HeadOpen),
                Errors.HasFlag(ZebraErrorFlags.RibbonOut)));
        var bytes = Encoding.Latin1.GetBytes(answer);
        switch (Mode)
        {
            case Behavior.PartialThenClose:
                await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), _stopping.Token);
                client.Client.Shutdown(SocketShutdown.Both);
                return false;
            case Behavior.PartialThenSilent:
                await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), _stopping.Token);
                return true;
            case Behavior.Trickle:
                for (var i = 0; i < bytes.Length; i++)
                {
                    await stream.WriteAsync(bytes.AsMemory(i, 1), _stopping.Token);
                    await stream.FlushAsync(_stopping.Token);
                }

                return true;
            default:
                await stream.WriteAsync(bytes, _stopping.Token);
                return true;
        }
    }
}
