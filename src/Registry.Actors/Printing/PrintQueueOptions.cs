namespace MachineActors.Registry.Printing;

/// <summary>Defaults of the print queues.</summary>
public sealed record PrintQueueOptions
{
    /// <summary>A job still printing after this long is reported interrupted (it may have printed; it is not repeated).</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Finished jobs kept per machine for the jobs list; unfinished jobs are always kept.</summary>
    public int FinishedJobsKept { get; init; } = 200;

    /// <summary>A queue saves a snapshot (and drops older events) every this many events.</summary>
    public int SnapshotEvery { get; init; } = 100;
}
