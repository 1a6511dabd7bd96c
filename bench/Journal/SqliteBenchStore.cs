using System.Diagnostics;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace MachineActors.Bench.Journal;

/// <summary>SQLite as the node uses it (WAL, synchronous=FULL); the baseline writes the same file the same way.</summary>
internal sealed class SqliteBenchStore : IBenchStore
{
    private readonly string _folder = Directory.CreateTempSubdirectory("machineactors-bench-").FullName;
    private int _opened;

    public string Name => "sqlite";

    public (IJournal Journal, ISnapshotStore Snapshots) Open(EventSerializer serializer)
    {
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder, $"journal-{++_opened}.db") };
        return (new SqliteJournal(options, serializer), new SqliteSnapshotStore(options, serializer));
    }

    public async Task<double> InsertBaseline(IReadOnlyList<(string PersistenceId, long SequenceNr, byte[] Payload)> rows, int batchSize)
    {
        SQLitePCL.Batteries_V2.Init();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "baseline.db")}");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        await Execute(connection, """
            CREATE TABLE IF NOT EXISTS baseline (
                ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL,
                manifest TEXT NOT NULL, payload BLOB NOT NULL, timestamp INTEGER NOT NULL, UNIQUE (persistence_id, sequence_nr));
            DELETE FROM baseline;
            """);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO baseline (persistence_id, sequence_nr, manifest, payload, timestamp) VALUES ($id, $seq, 'bench-event.v1', $payload, $ts)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            insert.Prepare();
            foreach (var row in rows.Skip(start).Take(batchSize))
            {
                (id.Value, seq.Value, payload.Value, ts.Value) = (row.PersistenceId, row.SequenceNr, row.Payload, DateTime.UtcNow.Ticks);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        return rows.Count / watch.Elapsed.TotalSeconds;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
