using System.Runtime.CompilerServices;
using MachineActors.Actors.Persistence.Serialization;
using Microsoft.Data.Sqlite;

namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>
/// The embedded journal: one SQLite file in WAL mode. Each <see cref="WriteAsync"/> is one
/// transaction, whatever the number of writes and persistence ids in it; writes of one process queue
/// for the file's single writer, reads use pooled connections and are not blocked by a write.
/// Thread-safe; call <see cref="InitializeAsync"/> once before anything else.
/// </summary>
public sealed class SqliteJournal : IJournal
{
    private const string InsertSql = """
        INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, "timestamp")
        VALUES ($persistence_id, $sequence_nr, $manifest, $payload, $timestamp)
        """;

    private readonly SqliteDatabase _database;
    private readonly EventSerializer _serializer;

    public SqliteJournal(SqliteStoreOptions options, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _database = new SqliteDatabase(options, "journal");
        _serializer = serializer;
    }

    internal SqliteConnection WriterConnection => _database.Writer;

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var batch = SerializedWrites.From(writes, _serializer);
        if (batch.Events.Count == 0)
        {
            return batch.Results;
        }
        return await _database.WriteAsync(writer =>
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            using var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            var persistenceId = insert.Parameters.Add("$persistence_id", SqliteType.Text);
            var sequenceNr = insert.Parameters.Add("$sequence_nr", SqliteType.Integer);
            var manifest = insert.Parameters.Add("$manifest", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var timestamp = insert.Parameters.Add("$timestamp", SqliteType.Integer);
            insert.Prepare();
            foreach (var e in batch.Events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                persistenceId.Value = e.PersistenceId;
                sequenceNr.Value = e.SequenceNr;
                manifest.Value = e.Manifest;
                payload.Value = e.Payload;
                timestamp.Value = e.TimestampUtcTicks;
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (SqliteException error) when (error.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    throw new InvalidOperationException(
                        $"Sequence number {e.SequenceNr} of '{e.PersistenceId}' is already stored: the batch of {writes.Count} writes was not stored.", error);
                }
            }
            transaction.Commit();
            return batch.Results;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            yield break;
        }
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT sequence_nr, manifest, payload, "timestamp" FROM journal
            WHERE persistence_id = $persistence_id AND sequence_nr BETWEEN $from AND $to
            ORDER BY sequence_nr
            LIMIT $max
            """;
        select.Parameters.AddWithValue("$persistence_id", persistenceId);
        select.Parameters.AddWithValue("$from", fromSequenceNr);
        select.Parameters.AddWithValue("$to", toSequenceNr);
        select.Parameters.AddWithValue("$max", max);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return StoredRows.Event(reader, persistenceId, _serializer);
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT max(highest) FROM (
                SELECT max(sequence_nr) AS highest FROM journal WHERE persistence_id = $persistence_id
                UNION ALL
                SELECT highest_sequence_nr FROM journal_metadata WHERE persistence_id = $persistence_id)
            """;
        select.Parameters.AddWithValue("$persistence_id", persistenceId);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long highest ? highest : 0;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await _database.WriteAsync(writer =>
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            using var delete = writer.CreateCommand();
            delete.Transaction = transaction;
            // The metadata row remembers the highest deleted number; the write lock makes the two statements see the same rows.
            delete.CommandText = """
                INSERT INTO journal_metadata (persistence_id, highest_sequence_nr)
                SELECT persistence_id, max(sequence_nr) FROM journal
                WHERE persistence_id = $persistence_id AND sequence_nr <= $to
                GROUP BY persistence_id
                ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = max(highest_sequence_nr, excluded.highest_sequence_nr);
                DELETE FROM journal WHERE persistence_id = $persistence_id AND sequence_nr <= $to;
                """;
            delete.Parameters.AddWithValue("$persistence_id", persistenceId);
            delete.Parameters.AddWithValue("$to", toSequenceNr);
            delete.ExecuteNonQuery();
            transaction.Commit();
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
