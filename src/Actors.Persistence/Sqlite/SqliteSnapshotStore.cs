using MachineActors.Actors.Persistence.Serialization;
using Microsoft.Data.Sqlite;

namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>
/// The embedded snapshot store, in the same kind of SQLite file as <see cref="SqliteJournal"/> (it
/// may be the same file). Thread-safe; call <see cref="InitializeAsync"/> once before anything else.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    private const string Selection = """
        persistence_id = $persistence_id
        AND sequence_nr BETWEEN $min_sequence_nr AND $max_sequence_nr
        AND "timestamp" BETWEEN $min_timestamp AND $max_timestamp
        """;

    private readonly SqliteDatabase _database;
    private readonly EventSerializer _serializer;

    public SqliteSnapshotStore(SqliteStoreOptions options, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _database = new SqliteDatabase(options, "snapshot store");
        _serializer = serializer;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT sequence_nr, "timestamp", manifest, payload FROM snapshots
            WHERE {Selection}
            ORDER BY sequence_nr DESC
            LIMIT 1
            """;
        AddSelection(select, persistenceId, criteria);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return StoredRows.Snapshot(reader, persistenceId, _serializer);
    }

    public async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var payload = _serializer.Serialize(snapshot);
        await WriteAsync(command =>
        {
            command.CommandText = """
                INSERT INTO snapshots (persistence_id, sequence_nr, "timestamp", manifest, payload)
                VALUES ($persistence_id, $sequence_nr, $timestamp, $manifest, $payload)
                ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
                SET "timestamp" = excluded."timestamp", manifest = excluded.manifest, payload = excluded.payload
                """;
            command.Parameters.AddWithValue("$persistence_id", metadata.PersistenceId);
            command.Parameters.AddWithValue("$sequence_nr", metadata.SequenceNr);
            command.Parameters.AddWithValue("$timestamp", metadata.Timestamp.UtcTicks);
            command.Parameters.AddWithValue("$manifest", payload.Manifest);
            command.Parameters.Add("$payload", SqliteType.Blob).Value = payload.Bytes;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return WriteAsync(command =>
        {
            command.CommandText = "DELETE FROM snapshots WHERE persistence_id = $persistence_id AND sequence_nr = $sequence_nr";
            command.Parameters.AddWithValue("$persistence_id", metadata.PersistenceId);
            command.Parameters.AddWithValue("$sequence_nr", metadata.SequenceNr);
        }, cancellationToken);
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return WriteAsync(command =>
        {
            command.CommandText = $"DELETE FROM snapshots WHERE {Selection}";
            AddSelection(command, persistenceId, criteria);
        }, cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task WriteAsync(Action<SqliteCommand> prepare, CancellationToken cancellationToken) =>
        _database.WriteAsync(writer =>
        {
            using var command = writer.CreateCommand();
            prepare(command);
            command.ExecuteNonQuery();
        }, cancellationToken);

    private static void AddSelection(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$persistence_id", persistenceId);
        command.Parameters.AddWithValue("$min_sequence_nr", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$max_sequence_nr", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$min_timestamp", criteria.MinTimestamp?.UtcTicks ?? DateTimeOffset.MinValue.UtcTicks);
        command.Parameters.AddWithValue("$max_timestamp", criteria.MaxTimestamp?.UtcTicks ?? DateTimeOffset.MaxValue.UtcTicks);
    }
}
