using MachineActors.Machines.Printing;

namespace MachineActors.Registry.Printing;

/// <summary>
/// Accepts a print job for a machine: answered with <see cref="PrintJobAccepted"/> once the job is persisted (or,
/// for an idempotency key already used on that machine, with that job and <c>Duplicate</c>); refused with a
/// <see cref="RegistryOperationException"/> for an unknown machine, a machine that cannot print, or invalid options.
/// </summary>
public sealed record SubmitPrintJob(Guid MachineId, IReadOnlyList<Label> Labels, IReadOnlyDictionary<string, object?> Options, string? IdempotencyKey)
    : IRegistryRequest;

public sealed record PrintJobAccepted(PrintJobView Job, bool Duplicate);

/// <summary>Answered with <see cref="PrintJobsResult"/>: the machine's jobs, newest first.</summary>
public sealed record GetPrintJobs(Guid MachineId) : IRegistryRequest;

public sealed record PrintJobsResult(IReadOnlyList<PrintJobView> Jobs);

/// <summary>Answered with <see cref="PrintJobResult"/>, or NotFound.</summary>
public sealed record GetPrintJob(Guid MachineId, Guid JobId) : IRegistryRequest;

public sealed record PrintJobResult(PrintJobView Job);

/// <summary>Published on the event stream whenever a job is accepted, starts, progresses or ends.</summary>
public sealed record PrintJobUpdated(PrintJobView Job);

/// <summary>
/// For a graceful stop: queues start no further job and answer <see cref="PrintingDrained"/> once their running
/// job has finished (queued jobs stay queued and run after the next start).
/// </summary>
public sealed record DrainPrinting : IRegistryRequest
{
    public static readonly DrainPrinting Instance = new();
}

public sealed record PrintingDrained
{
    public static readonly PrintingDrained Instance = new();
}
