using System.Text.Json;

namespace MachineActors.Reliability.Faults;

/// <summary>A print job as the API shows it.</summary>
public sealed record JobRow(string Id, string State, string? Key, int LabelCount, int Copies, IReadOnlyList<int> PrintedLabels, string? Error)
{
    public bool IsFinal => State is "completed" or "failed" or "interrupted";

    public static JobRow From(JsonElement job) => new(
        job.GetProperty("id").GetString()!,
        job.GetProperty("state").GetString()!,
        job.TryGetProperty("idempotency_key", out var key) ? key.GetString() : null,
        job.GetProperty("labels").GetInt32(),
        job.GetProperty("copies").GetInt32(),
        [.. job.GetProperty("printed_labels").EnumerateArray().Select(l => l.GetInt32())],
        job.TryGetProperty("error", out var error) ? error.GetString() : null);
}
