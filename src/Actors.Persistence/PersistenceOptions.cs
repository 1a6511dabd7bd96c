namespace MachineActors.Actors.Persistence;

/// <summary>Defaults of the persistence layer.</summary>
public sealed record PersistenceOptions
{
    /// <summary>Largest serialized event or snapshot accepted; bigger ones are rejected with a clear error.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Most atomic writes the journal actor hands the store in one call (one transaction). Writes
    /// that arrive while a transaction runs wait and go together in the next one (group commit).
    /// </summary>
    public int MaxWritesPerBatch { get; init; } = 2000;

    /// <summary>
    /// Most persistent actors recovering at once (Akka's <c>max-concurrent-recoveries</c>); the others wait for a
    /// permit, in order. Each recovery holds one store connection while it loads its snapshot and replays its
    /// events, so this also bounds the connections a burst of recoveries opens: a cluster node taking over fifty
    /// machines starts a hundred streams at once (each machine and its print queue). 8: below the PostgreSQL stores'
    /// default pool of 10, so recoveries wait here for their turn rather than for a connection (which times out).
    /// </summary>
    public int MaxConcurrentRecoveries { get; init; } = 8;

    internal void Validate()
    {
        if (MaxPayloadBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), MaxPayloadBytes, "Must be positive.");
        }
        if (MaxWritesPerBatch <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWritesPerBatch), MaxWritesPerBatch, "Must be positive.");
        }
        if (MaxConcurrentRecoveries <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRecoveries), MaxConcurrentRecoveries, "Must be positive.");
        }
    }
}
