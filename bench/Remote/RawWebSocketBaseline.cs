using System.Diagnostics;
using System.Net.WebSockets;

namespace MachineActors.Bench.Remote;

/// <summary>
/// The baseline: the same traffic as the actor benchmark, but as raw WebSocket frames to an echo server in the
/// peer process — one frame per message of about an envelope's size, the same number in flight. No actors, no
/// serialization, no routing. With <c>packed</c>, messages are instead packed into frames of up to 64 KiB (as the
/// transport packs its envelopes): that measures little more than loopback bandwidth, and is printed for scale.
/// </summary>
internal static class RawWebSocketBaseline
{
    public const int MessageSize = 100;
    private const int FrameBytes = 64 * 1024;

    /// <summary>Messages per second, counting each direction of each message.</summary>
    public static async Task<double> Throughput(int port, int inFlight, int total, bool packed)
    {
        using var socket = await ConnectAsync(port);
        var credits = new SemaphoreSlim(0);
        var available = inFlight;
        var perFrame = packed ? FrameBytes / MessageSize : 1;
        var payload = new byte[FrameBytes];
        var start = Stopwatch.GetTimestamp();
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[1024 * 1024];
            long bytes = 0;
            while (bytes < (long)total * MessageSize)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), default);
                bytes += result.Count;
                if (result.EndOfMessage)
                {
                    Interlocked.Add(ref available, result.Count / MessageSize);
                    credits.Release();
                }
            }
        });
        for (var sent = 0; sent < total;)
        {
            while (Volatile.Read(ref available) == 0)
            {
                await credits.WaitAsync();
            }
            var count = Math.Min(Math.Min(Volatile.Read(ref available), perFrame), total - sent);
            Interlocked.Add(ref available, -count);
            await socket.SendAsync(payload.AsMemory(0, count * MessageSize), WebSocketMessageType.Binary, true, default);
            sent += count;
        }
        await receiving;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
        return 2.0 * total / seconds;
    }

    /// <summary>Round trips of one message at a time, in milliseconds.</summary>
    public static async Task<double[]> RoundTrips(int port, int samples)
    {
        using var socket = await ConnectAsync(port);
        var payload = new byte[MessageSize];
        var buffer = new byte[4096];
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(payload, WebSocketMessageType.Binary, true, default);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), default);
            }
            while (!result.EndOfMessage);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
        return times;
    }

    private static async Task<ClientWebSocket> ConnectAsync(int port)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/raw"), default);
        return socket;
    }
}
