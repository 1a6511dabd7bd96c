using System.Globalization;

namespace MachineActors.Reliability.Load;

/// <summary>The load test's figures and its one-line summary (<c>LOAD key=value ...</c>), as the benchmarks print theirs.</summary>
public sealed record LoadReport
{
    public required int Jobs { get; init; }

    public required int Machines { get; init; }

    public required int Clients { get; init; }

    /// <summary>Jobs accepted per second, from the first request until the last job was accepted.</summary>
    public required double JobsPerSecond { get; init; }

    /// <summary>Jobs accepted per second before the first fault (from the first request until the first kill).</summary>
    public required double BeforeFaultPerSecond { get; init; }

    /// <summary>Jobs final (completed, failed or interrupted) per second, from the first request until the last was final.</summary>
    public required double FinalPerSecond { get; init; }

    /// <summary>Latency of the attempt that was accepted.</summary>
    public required double AcceptP50Ms { get; init; }

    public required double AcceptP99Ms { get; init; }

    /// <summary>Latency of the whole retry chain, first request until accepted.</summary>
    public required double ChainP50Ms { get; init; }

    public required double ChainP99Ms { get; init; }

    public required double ChainMaxMs { get; init; }

    /// <summary>Jobs that needed more than one attempt.</summary>
    public required int Retried { get; init; }

    public required int Completed { get; init; }

    public required int Interrupted { get; init; }

    public required int Failed { get; init; }

    public required int Lost { get; init; }

    public required int Duplicated { get; init; }

    public required int Kills { get; init; }

    /// <summary>The longest time from a kill until every printer ran on the other station.</summary>
    public required double FailoverMaxSeconds { get; init; }

    /// <summary>The value below which <paramref name="fraction"/> of <paramref name="values"/> lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"LOAD jobs={Jobs} jobs_per_s={JobsPerSecond:F0} accept_p50_ms={AcceptP50Ms:F1} accept_p99_ms={AcceptP99Ms:F1} retried={Retried} "
        + $"interrupted={Interrupted} lost={Lost} duplicated={Duplicated} chain_p50_ms={ChainP50Ms:F1} chain_p99_ms={ChainP99Ms:F1} "
        + $"chain_max_ms={ChainMaxMs:F0} before_fault_jobs_per_s={BeforeFaultPerSecond:F0} final_per_s={FinalPerSecond:F0} completed={Completed} failed={Failed} machines={Machines} clients={Clients} kills={Kills} failover_max_s={FailoverMaxSeconds:F1}");
}
