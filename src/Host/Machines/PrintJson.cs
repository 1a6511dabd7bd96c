using MachineActors.Registry.Printing;

namespace MachineActors.Host.Machines;

public static class PrintJson
{
    public static object Job(PrintJobView job) => new
    {
        id = job.Id,
        machine = job.MachineId,
        state = job.State.ToString().ToLowerInvariant(),
        progress = job.Progress,
        labels = job.Labels,
        copies = job.Copies,
        printed_labels = job.PrintedLabels,
        error = job.Error,
        idempotency_key = job.IdempotencyKey,
        accepted = job.AcceptedAt,
        started = job.StartedAt,
        finished = job.FinishedAt,
    };
}
