using System.Diagnostics;
using MachineActors.Bench.Journal;

namespace MachineActors.Bench.Failover;

/// <summary>
/// How long the leases of a station's machines take to reach another station after the first one is killed
/// (SIGKILL, no goodbye), against the same hand-over after a graceful leave, on the default cluster timings and a
/// private PostgreSQL. This is the part of a machine's failover that the cluster layer decides; the registry's
/// recovery of the machines comes on top once it runs on leases.
/// </summary>
internal static class FailoverBenchmark
{
    private const int Machines = 100;

    public static async Task Run(bool quick)
    {
        await using var postgres = await PrivatePostgresForBench.TryStart() as PostgresBenchStore
            ?? throw new InvalidOperationException("The failover benchmark needs PostgreSQL: set MACHINEACTORS_BENCH_POSTGRES or install PostgreSQL 15.");
        var schema = $"failover_{Guid.NewGuid():N}";
        var rounds = quick ? 1 : 3;
        await using var survivor = await FailoverNode.StartAsync("station-a", postgres.ConnectionString, schema);
        Console.WriteLine($"failover: {Machines} machine leases held by a station process; default timings (heartbeat 500 ms, down after 4 s, lease 5 s); {rounds} round(s)");
        var killed = new List<double>();
        var left = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var first = round * 2 * Machines;
            killed.Add(await MeasureAsync(postgres.ConnectionString, schema, survivor, first, graceful: false));
            left.Add(await MeasureAsync(postgres.ConnectionString, schema, survivor, first + Machines, graceful: true));
            Console.WriteLine($"round {round + 1}: after kill -9 {killed[^1]:F2} s, after a graceful leave {left[^1]:F2} s");
        }
        var worst = killed.Max();
        Report.Result("failover", ("seconds", Math.Round(worst, 2)), ("graceful_seconds", Math.Round(left.Max(), 2)),
            ("ratio", Math.Round(worst / Math.Max(left.Max(), 0.001), 1)));
    }

    private static async Task<double> MeasureAsync(string connectionString, string schema, Actors.Cluster.ClusterNode survivor, int first, bool graceful)
    {
        using var peer = StartPeer(connectionString, schema, first);
        if (await peer.StandardOutput.ReadLineAsync() != "READY")
        {
            throw new InvalidOperationException($"The station process did not take its leases: {await peer.StandardError.ReadToEndAsync()}");
        }
        var taken = FailoverNode.WantAsync(survivor, first, Machines);
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
        await taken.WaitAsync(TimeSpan.FromSeconds(60));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (!peer.HasExited)
        {
            peer.StandardInput.Close();
        }
        await peer.WaitForExitAsync();
        return seconds;
    }

    private static Process StartPeer(string connectionString, string schema, int first)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FailoverBenchmark).Assembly.Location);
        }
        foreach (var argument in new[] { FailoverPeer.Argument, connectionString, schema, first.ToString(System.Globalization.CultureInfo.InvariantCulture), Machines.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the station process.");
    }
}
