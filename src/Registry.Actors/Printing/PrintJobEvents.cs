using MachineActors.Registry.Persistence;

namespace MachineActors.Registry.Printing;

public sealed record PersistedLabel(byte[] Content, string ContentType, string? Name);

/// <summary>Events of a machine's print queue ("print-jobs-&lt;machineId&gt;").</summary>
public sealed record PrintJobAcceptedEvent(
    Guid JobId, string? IdempotencyKey, IReadOnlyList<PersistedLabel> Labels, IReadOnlyList<PersistedSetting> Options, DateTimeOffset At);

public sealed record PrintJobStartedEvent(Guid JobId, DateTimeOffset At);

public sealed record PrintJobLabelPrintedEvent(Guid JobId, int LabelIndex);

public sealed record PrintJobFinishedEvent(Guid JobId, PrintJobState State, string? Error, DateTimeOffset At);

/// <summary>The queue's state without the label bytes of finished jobs; archived jobs are listed no more but found by key.</summary>
public sealed record PrintQueueSnapshot(IReadOnlyList<PrintJobRecord> Jobs, IReadOnlyDictionary<string, Guid> IdempotencyKeys, IReadOnlyList<PrintJobRecord> Archive);

/// <summary>The queue's record of one job; <see cref="Labels"/> is emptied once the job is final.</summary>
public sealed record PrintJobRecord(
    Guid Id,
    string? IdempotencyKey,
    IReadOnlyList<PersistedLabel> Labels,
    int LabelCount,
    IReadOnlyList<PersistedSetting> Options,
    PrintJobState State,
    IReadOnlyList<int> PrintedLabels,
    string? Error,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
