using System.Runtime.CompilerServices;
using MachineActors.Actors.Persistence.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>
/// The cluster journal in PostgreSQL. Each <see cref="WriteAsync"/> is one transaction: up to
/// <see cref="PostgreSqlStoreOptions.MaxEventsPerBatch"/> events go in one multi-row INSERT (one round
/// trip, its own transaction); more go in several round trips inside one explicit transaction. A
/// sequence number already stored fails the whole call and stores nothing. <c>ordering</c> numbers
/// rows in the order they are inserted. Thread-safe; call <see cref="InitializeAsync"/> once first.
/// </summary>
public sealed class PostgreSqlJournal : IJournal
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlStoreOptions _options;
    private readonly EventSerializer _serializer;
    private readonly string _journal;
    private readonly string _metadata;

    /// <summary>A journal with its own data source built from <see cref="PostgreSqlStoreOptions.ConnectionString"/>, disposed with it.</summary>
    public PostgreSqlJournal(PostgreSqlStoreOptions options, EventSerializer serializer)
        : this(PostgreSqlDataSources.Create(options), ownsDataSource: true, options, serializer)
    {
    }

    /// <summary>A journal on a data source the caller shares (e.g. with the snapshot store) and disposes.</summary>
    public PostgreSqlJournal(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options, EventSerializer serializer)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, options, serializer)
    {
    }

    private PostgreSqlJournal(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlStoreOptions options, EventSerializer serializer)
    {
        PostgreSqlDataSources.Validate(options);
        ArgumentNullException.ThrowIfNull(serializer);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _serializer = serializer;
        var schema = PostgreSqlSchema.Quote(options.SchemaName);
        _journal = $"{schema}.journal";
        _metadata = $"{schema}.journal_metadata";
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgreSqlSchema.MigrateAsync(_dataSource, _options.SchemaName, cancellationToken);

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var batch = SerializedWrites.From(writes, _serializer);
        var events = batch.Events;
        if (events.Count == 0)
        {
            return batch.Results;
        }
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var perBatch = _options.MaxEventsPerBatch;
            if (events.Count <= perBatch)
            {
                await using var insert = InsertCommand(connection, events, 0, events.Count);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                for (var start = 0; start < events.Count; start += perBatch)
                {
                    await using var insert = InsertCommand(connection, events, start, Math.Min(perBatch, events.Count - start));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw await DuplicateErrorAsync(events, writes.Count, error, cancellationToken).ConfigureAwait(false);
        }
        return batch.Results;
    }

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            yield break;
        }
        await using var select = _dataSource.CreateCommand($"""
            SELECT sequence_nr, manifest, payload, "timestamp" FROM {_journal}
            WHERE persistence_id = $1 AND sequence_nr BETWEEN $2 AND $3
            ORDER BY sequence_nr
            LIMIT $4
            """);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = max });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return StoredRows.Event(reader, persistenceId, _serializer);
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var select = _dataSource.CreateCommand($"""
            SELECT GREATEST(
                (SELECT max(sequence_nr) FROM {_journal} WHERE persistence_id = $1),
                (SELECT highest_sequence_nr FROM {_metadata} WHERE persistence_id = $1))
            """);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long highest ? highest : 0;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        // One statement: the metadata row records the highest number among exactly the rows it deleted.
        await using var delete = _dataSource.CreateCommand($"""
            WITH deleted AS (
                DELETE FROM {_journal} WHERE persistence_id = $1 AND sequence_nr <= $2 RETURNING sequence_nr)
            INSERT INTO {_metadata} (persistence_id, highest_sequence_nr)
            SELECT $1, max(sequence_nr) FROM deleted HAVING count(*) > 0
            ON CONFLICT (persistence_id) DO UPDATE
            SET highest_sequence_nr = GREATEST({_metadata}.highest_sequence_nr, excluded.highest_sequence_nr)
            """);
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlCommand InsertCommand(NpgsqlConnection connection, List<SerializedEvent> events, int start, int count)
    {
        var persistenceIds = new string[count];
        var sequenceNrs = new long[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var timestamps = new long[count];
        for (var i = 0; i < count; i++)
        {
            var e = events[start + i];
            persistenceIds[i] = e.PersistenceId;
            sequenceNrs[i] = e.SequenceNr;
            manifests[i] = e.Manifest;
            payloads[i] = e.Payload;
            timestamps[i] = e.TimestampUtcTicks;
        }
        var insert = new NpgsqlCommand($"""
            INSERT INTO {_journal} (persistence_id, sequence_nr, manifest, payload, "timestamp")
            SELECT e.persistence_id, e.sequence_nr, e.manifest, e.payload, e."timestamp"
            FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS e(persistence_id, sequence_nr, manifest, payload, "timestamp", position)
            ORDER BY e.position
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = persistenceIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequenceNrs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = manifests, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return insert;
    }

    /// <summary>Names the offending sequence number: the batch was rolled back, so this only reads.</summary>
    private async Task<InvalidOperationException> DuplicateErrorAsync(List<SerializedEvent> events, int writeCount, PostgresException error, CancellationToken cancellationToken)
    {
        var notStored = $"the batch of {writeCount} writes was not stored.";
        var seen = new HashSet<(string, long)>();
        foreach (var e in events)
        {
            if (!seen.Add((e.PersistenceId, e.SequenceNr)))
            {
                return new InvalidOperationException($"Sequence number {e.SequenceNr} of '{e.PersistenceId}' occurs twice in one batch: {notStored}", error);
            }
        }
        try
        {
            await using var find = _dataSource.CreateCommand($"""
                SELECT j.persistence_id, j.sequence_nr FROM {_journal} j
                JOIN unnest($1, $2) AS e(persistence_id, sequence_nr)
                  ON j.persistence_id = e.persistence_id AND j.sequence_nr = e.sequence_nr
                LIMIT 1
                """);
            find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.PersistenceId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            find.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.SequenceNr)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new InvalidOperationException($"Sequence number {reader.GetInt64(1)} of '{reader.GetString(0)}' is already stored: {notStored}", error);
            }
        }
        catch (NpgsqlException)
        {
            // The diagnosis is best effort: the message below still says that nothing was stored.
        }
        return new InvalidOperationException($"A sequence number of the batch is already stored ({error.ConstraintName}): {notStored}", error);
    }
}
