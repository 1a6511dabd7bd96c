namespace MachineActors.Actors.Persistence;

/// <summary>One event row: the timestamp is kept as UTC ticks so it reads back to the tick.</summary>
internal readonly record struct SerializedEvent(string PersistenceId, long SequenceNr, string Manifest, byte[] Payload, long TimestampUtcTicks);
