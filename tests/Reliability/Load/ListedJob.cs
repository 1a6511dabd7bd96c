namespace MachineActors.Reliability.Load;

/// <summary>A print job as a machine's job list (GET /api/machine/{pk}/jobs/) shows it.</summary>
public sealed record ListedJob(
    string Machine,
    string Id,
    string State,
    string? Key,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    string? Error)
{
    public bool IsFinal => State is "completed" or "failed" or "interrupted";
}
