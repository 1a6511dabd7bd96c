using System.Diagnostics;
using MachineActors.Actors;
using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Bench.Remote;

/// <summary>
/// Remote messaging between two node processes on loopback: windowed ping-pong between 8 pairs of actors
/// (each message counted once per crossing) and sequential asks for the round trip, against raw WebSocket
/// traffic between the same two processes.
/// </summary>
internal static class RemoteBenchmark
{
    private const int Pairs = 8;
    private const int Window = 200;

    public static async Task Run(bool quick)
    {
        var perPair = quick ? 25_000 : 250_000;
        var samples = quick ? 1_000 : 5_000;
        var repetitions = quick ? 1 : 3;
        var transport = await RemoteTransport.StartAsync(
            "bench", new TransportOptions { Secret = RemoteBenchMessages.Secret }, RemoteBenchMessages.Types(),
            new ActorSystemOptions { StandardErrorLogLevel = Actors.Event.LogLevel.Off });
        using var peer = PeerProcess.Start(RemotePeerArgument, transport.Address.ToString());
        try
        {
            var ready = (await peer.StandardOutput.ReadLineAsync())?.Split(' ');
            if (ready is not ["READY", var addressText, var rawPortText] || !Address.TryParse(addressText, out var peerAddress))
            {
                throw new InvalidOperationException($"The peer process did not start: {await peer.StandardError.ReadToEndAsync()}");
            }
            var rawPort = int.Parse(rawPortText, System.Globalization.CultureInfo.InvariantCulture);
            transport.Associate(peerAddress);
            var echoes = Enumerable.Range(0, Pairs).Select(i => transport.ActorRefFor(peerAddress, $"/user/echo-{i}")).ToArray();
            await echoes[0].Ask<BenchPong>(new BenchPing(0), TimeSpan.FromSeconds(30));

            Console.WriteLine($"remote: {Pairs} pairs, {Window} in flight each, {Pairs * perPair:N0} round trips per run, best of {repetitions}; two processes on loopback");
            await ActorThroughput(transport.System, echoes, perPair / 10);
            await RawWebSocketBaseline.Throughput(rawPort, Pairs * Window, Pairs * perPair / 10, packed: false);
            double actors = 0, raw = 0, packed = 0;
            for (var i = 0; i < repetitions; i++)
            {
                actors = Math.Max(actors, await ActorThroughput(transport.System, echoes, perPair));
                raw = Math.Max(raw, await RawWebSocketBaseline.Throughput(rawPort, Pairs * Window, Pairs * perPair, packed: false));
                packed = Math.Max(packed, await RawWebSocketBaseline.Throughput(rawPort, Pairs * Window, Pairs * perPair, packed: true));
            }
            Console.WriteLine($"{"",-36} {"msg/s",12}");
            Console.WriteLine($"{"raw WebSocket, one frame per message",-36} {raw,12:N0}   (the baseline)");
            Console.WriteLine($"{"raw WebSocket, bytes packed in 64 KiB",-36} {packed,12:N0}   (for scale: loopback bandwidth)");
            Console.WriteLine($"{"remote actor messages",-36} {actors,12:N0}   ratio {actors / raw:F2}");

            await RoundTrips(echoes[0], samples / 5);
            var actorTimes = await RoundTrips(echoes[0], samples);
            var rawTimes = await RawWebSocketBaseline.RoundTrips(rawPort, samples);
            Console.WriteLine($"round trip, {samples:N0} sequential asks: p50 {Percentile(actorTimes, 50):F3} ms, p99 {Percentile(actorTimes, 99):F3} ms"
                + $" (raw frame: p50 {Percentile(rawTimes, 50):F3} ms, p99 {Percentile(rawTimes, 99):F3} ms)");
            Report.Result("remote", ("msgs_per_s", Math.Round(actors)), ("baseline_msgs_per_s", Math.Round(raw)),
                ("ratio", Math.Round(actors / raw, 2)), ("rtt_p50_ms", Math.Round(Percentile(actorTimes, 50), 3)),
                ("rtt_p99_ms", Math.Round(Percentile(actorTimes, 99), 3)));
        }
        finally
        {
            peer.StandardInput.Close();
            await peer.WaitForExitAsync();
            await transport.System.Terminate();
        }
    }

    private static async Task<double> ActorThroughput(ActorSystem system, IActorRef[] echoes, int perPair)
    {
        var done = echoes.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var pingers = echoes.Select((echo, i) => system.ActorOf(Props.Create(() => new WindowedPinger(echo, Window, perPair, done[i])))).ToArray();
        var start = Stopwatch.GetTimestamp();
        foreach (var pinger in pingers)
        {
            pinger.Tell("start", null);
        }
        await Task.WhenAll(done.Select(d => d.Task));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var pinger in pingers)
        {
            system.Stop(pinger);
        }
        return 2.0 * echoes.Length * perPair / seconds;
    }

    private static async Task<double[]> RoundTrips(IActorRef echo, int samples)
    {
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<BenchPong>(new BenchPing(i), TimeSpan.FromSeconds(10));
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static double Percentile(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }

    public const string RemotePeerArgument = "remote-peer";
}
