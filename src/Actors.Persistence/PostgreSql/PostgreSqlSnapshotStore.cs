using MachineActors.Actors.Persistence.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>
/// The cluster snapshot store in PostgreSQL, in the same schema as <see cref="PostgreSqlJournal"/>.
/// Thread-safe; call <see cref="InitializeAsync"/> once before anything else.
/// </summary>
public sealed class PostgreSqlSnapshotStore : ISnapshotStore
{
    private const string Selection = """
        persistence_id = $1
        AND sequence_nr BETWEEN $2 AND $3
        AND "timestamp" BETWEEN $4 AND $5
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlStoreOptions _options;
    private readonly EventSerializer _serializer;
    private readonly string _snapshots;

    /// <summary>A store with its own data source built from <see cref="PostgreSqlStoreOptions.ConnectionString"/>, disposed with it.</summary>
    public PostgreSqlSnapshotStore(PostgreSqlStoreOptions options, EventSerializer serializer)
        : this(PostgreSqlDataSources.Create(options), ownsDataSource: true, options, serializer)
    {
    }

    /// <summary>A store on a data source the caller shares (e.g. with the journal) and disposes.</summary>
    public PostgreSqlSnapshotStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options, EventSerializer serializer)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, options, serializer)
    {
    }

    private PostgreSqlSnapshotStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlStoreOptions options, EventSerializer serializer)
    {
        PostgreSqlDataSources.Validate(options);
        ArgumentNullException.ThrowIfNull(serializer);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _serializer = serializer;
        _snapshots = $"{PostgreSqlSchema.Quote(options.SchemaName)}.snapshots";
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgreSqlSchema.MigrateAsync(_dataSource, _options.SchemaName, cancellationToken);

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var select = _dataSource.CreateCommand($"""
            SELECT sequence_nr, "timestamp", manifest, payload FROM {_snapshots}
            WHERE {Selection}
            ORDER BY sequence_nr DESC
            LIMIT 1
            """);
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
        await using var save = _dataSource.CreateCommand($"""
            INSERT INTO {_snapshots} (persistence_id, sequence_nr, "timestamp", manifest, payload)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
            SET "timestamp" = excluded."timestamp", manifest = excluded.manifest, payload = excluded.payload
            """);
        save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.Timestamp.UtcTicks });
        save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload.Manifest });
        save.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.Bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await using var delete = _dataSource.CreateCommand($"DELETE FROM {_snapshots} WHERE persistence_id = $1 AND sequence_nr = $2");
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var delete = _dataSource.CreateCommand($"DELETE FROM {_snapshots} WHERE {Selection}");
        AddSelection(delete, persistenceId, criteria);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddSelection(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinTimestamp?.UtcTicks ?? DateTimeOffset.MinValue.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxTimestamp?.UtcTicks ?? DateTimeOffset.MaxValue.UtcTicks });
    }
}
