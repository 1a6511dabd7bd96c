namespace MachineActors.Actors.Persistence;

/// <summary>One event of one persistent actor, at its sequence number (1, 2, 3, ... per persistence id).</summary>
public sealed record PersistentEvent(string PersistenceId, long SequenceNr, object Payload, DateTimeOffset Timestamp);
