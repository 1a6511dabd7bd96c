using System.Diagnostics;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace MachineActors.Bench.Journal;

/// <summary>PostgreSQL at default settings; each open gets its own schema, the baseline its own table.</summary>
internal sealed class PostgresBenchStore(string connectionString, Func<ValueTask> stopServer) : IBenchStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Name => "postgresql";

    public string ConnectionString => connectionString;

    public (IJournal Journal, ISnapshotStore Snapshots) Open(EventSerializer serializer)
    {
        var options = new PostgreSqlStoreOptions { SchemaName = $"bench_{Guid.NewGuid():N}" };
        return (new PostgreSqlJournal(_dataSource, options, serializer), new PostgreSqlSnapshotStore(_dataSource, options, serializer));
    }

    public async Task<double> InsertBaseline(IReadOnlyList<(string PersistenceId, long SequenceNr, byte[] Payload)> rows, int batchSize)
    {
        await using (var create = _dataSource.CreateCommand("""
            DROP TABLE IF EXISTS bench_baseline;
            CREATE TABLE bench_baseline (ordering BIGSERIAL PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL, payload BYTEA NOT NULL, timestamp BIGINT NOT NULL, UNIQUE (persistence_id, sequence_nr));
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        await using var connection = await _dataSource.OpenConnectionAsync();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var batch = rows.Skip(start).Take(batchSize).ToList();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO bench_baseline (persistence_id, sequence_nr, manifest, payload, timestamp)
                SELECT id, seq, 'bench-event.v1', payload, $4 FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS r(id, seq, payload)
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.PersistenceId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.SequenceNr).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow.Ticks });
            await insert.ExecuteNonQueryAsync();
        }
        return rows.Count / watch.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await stopServer();
    }
}
