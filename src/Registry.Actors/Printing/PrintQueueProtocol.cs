using MachineActors.Machines.Printing;

namespace MachineActors.Registry.Printing;

/// <summary>A job the registry checked (machine can print, options parsed) for the machine's queue to persist.</summary>
internal sealed record EnqueuePrintJob(Guid MachineId, IReadOnlyList<Label> Labels, PrintOptions Options, string? IdempotencyKey);

/// <summary>The queue asks the registry to run a job on the machine; the machine (or the registry) answers the queue.</summary>
internal sealed record RunPrintJob(Guid MachineId, Guid JobId, IReadOnlyList<Label> Labels, IReadOnlyDictionary<string, object?> Options);

internal sealed record PrintJobProgressed(Guid JobId, int LabelIndex);

/// <summary>How a run ended: completed (no error), failed, or interrupted when the labels may have printed.</summary>
internal sealed record PrintJobFinished(Guid JobId, string? Error, bool MayHavePrinted);

/// <summary>Starts the queue of a machine that has unfinished jobs after a restart.</summary>
internal sealed record OpenPrintQueue(Guid MachineId);
