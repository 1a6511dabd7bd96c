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
    }
}
