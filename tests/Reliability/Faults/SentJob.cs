namespace MachineActors.Reliability.Faults;

/// <summary>A job request as sent (and retried with the same idempotency key until answered).</summary>
public sealed record SentJob(string Printer, string Key, IReadOnlyList<string> Labels, int Copies);
