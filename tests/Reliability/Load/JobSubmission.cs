namespace MachineActors.Reliability.Load;

/// <summary>
/// One print job of the load as its client saw it: the idempotency key (also the label's text), the machine, the job
/// id the accepting answer named, how many attempts it took, and the acceptance latency of the successful attempt
/// and of the whole retry chain (first request start until the accepting answer).
/// </summary>
public sealed record JobSubmission(
    int Number,
    string Key,
    string Machine,
    string JobId,
    int Attempts,
    int AcceptedWith,
    DateTime AcceptedAtUtc,
    double AttemptMs,
    double ChainMs);
