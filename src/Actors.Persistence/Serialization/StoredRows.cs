using System.Data.Common;

namespace MachineActors.Actors.Persistence.Serialization;

/// <summary>
/// Decodes the rows the SQL stores select. Timestamps are UTC ticks. Column order:
/// events (sequence_nr, manifest, payload, timestamp); snapshots (sequence_nr, timestamp, manifest, payload).
/// </summary>
internal static class StoredRows
{
    public static PersistentEvent Event(DbDataReader reader, string persistenceId, EventSerializer serializer)
    {
        var sequenceNr = reader.GetInt64(0);
        var payload = serializer.Deserialize(reader.GetString(1), reader.GetFieldValue<byte[]>(2), $"{persistenceId} #{sequenceNr}");
        return new PersistentEvent(persistenceId, sequenceNr, payload, new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero));
    }

    public static SelectedSnapshot Snapshot(DbDataReader reader, string persistenceId, EventSerializer serializer)
    {
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
        var snapshot = serializer.Deserialize(reader.GetString(2), reader.GetFieldValue<byte[]>(3), $"snapshot {persistenceId} #{metadata.SequenceNr}");
        return new SelectedSnapshot(metadata, snapshot);
    }
}
