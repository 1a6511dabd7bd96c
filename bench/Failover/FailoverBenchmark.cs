using System.Diagnostics;
using MachineActors.Bench.Journal;

namespace MachineActors.Bench.Failover;

/// <summary>
/// How long the role-placed machines of a station process take to run (initialised) on another station after the
/// first one is killed (SIGKILL, no goodbye), against the same hand-over after a graceful leave; default cluster
/// timings, registries in cluster mode on a private PostgreSQL journal.
/// </summary>
internal static class FailoverBenchmark
{
    private const int Machines = 40;

    public static async Task Run(bool quick)
    {
        await using var postgres = await PrivatePostgresForBench.TryStart() as PostgresBenchStore
            ?? throw new InvalidOperationException("The failover benchmark needs PostgreSQL: set MACHINEACTORS_BENCH_POSTGRES or install PostgreSQL 15.");
        var schema = $"failover_{Guid.NewGuid():N}";
        var rounds = quick ? 1 : 3;
        var survivor = await FailoverNode.StartAsync("station-a", postgres.ConnectionString, schema);
        Console.WriteLine($"failover: {Machines} role-placed machines added per round, about half of them run by a station process that is killed;"
            + $" default timings (heartbeat 500 ms, unreachable after 2 s, lease 5 s); {rounds} round(s)");
        var killed = new List<double>();
        var left = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            killed.Add(await MeasureAsync(postgres.ConnectionString, schema, survivor, $"killed-{round}", graceful: false));
            left.Add(await MeasureAsync(postgres.ConnectionString, schema, survivor, $"left-{round}", graceful: true));
            Console.WriteLine($"round {round + 1}: after kill -9 {killed[^1]:F2} s, after a graceful leave {left[^1]:F2} s");
        }
        var worst = killed.Max();
        await survivor.Node.DisposeAsync();
        Report.Result("failover", ("seconds", Math.Round(worst, 2)), ("graceful_seconds", Math.Round(left.Max(), 2)),
            ("ratio", Math.Round(worst / Math.Max(left.Max(), 0.001), 1)));
    }

    private static async Task<double> MeasureAsync(string connectionString, string schema, FailoverNode survivor, string prefix, bool graceful)
    {
        using var peer = PeerProcess.Start(
            FailoverPeer.Argument, connectionString, schema, prefix, Machines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ready = await peer.StandardOutput.ReadLineAsync();
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The station process did not start its machines: {await peer.StandardError.ReadToEndAsync()}");
        }
        var moving = ready["READY ".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();
        var start = Stopwatch.GetTimestamp();
        if (graceful)
        {
            await peer.StandardInput.WriteLineAsync("leave");
            await peer.StandardInput.FlushAsync();
        }
        else
        {
            peer.Kill(entireProcessTree: true);
        }
        var deadline = TimeSpan.FromSeconds(60);
        while (!moving.IsSubsetOf(await survivor.RunningAsync()))
        {
            if (Stopwatch.GetElapsedTime(start) > deadline)
            {
                throw new TimeoutException($"The machines did not move within {deadline.TotalSeconds:0} s.");
            }
            await Task.Delay(20);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"  {moving.Count} machine(s) moved {(graceful ? "after a graceful leave" : "after kill -9")} in {seconds:F2} s");
        if (!peer.HasExited)
        {
            peer.StandardInput.Close();
        }
        await peer.WaitForExitAsync();
        return seconds;
    }
}
