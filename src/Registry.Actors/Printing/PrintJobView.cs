namespace MachineActors.Registry.Printing;

/// <summary>A print job as callers see it.</summary>
public sealed record PrintJobView(
    Guid Id,
    Guid MachineId,
    PrintJobState State,
    int Progress,
    int Labels,
    int Copies,
    IReadOnlyList<int> PrintedLabels,
    string? Error,
    string? IdempotencyKey,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinal => State is PrintJobState.Completed or PrintJobState.Failed or PrintJobState.Interrupted;
}
