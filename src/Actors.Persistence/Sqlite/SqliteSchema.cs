using Microsoft.Data.Sqlite;

namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations, recorded in <c>schema_migrations(version, applied_at)</c>.
/// Migrating runs in one <c>BEGIN IMMEDIATE</c> transaction, which takes the file's write lock first,
/// so processes starting at once apply each migration exactly once.
/// </summary>
internal static class SqliteSchema
{
    private static readonly (int Version, string Sql)[] s_migrations =
    [
        (1, """
            -- ordering: the global write order (AUTOINCREMENT: never reused, even after deletes).
            -- timestamp: UTC ticks (100 ns since 0001-01-01), so timestamps read back exactly.
            CREATE TABLE journal (
                ordering INTEGER PRIMARY KEY AUTOINCREMENT,
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                "timestamp" INTEGER NOT NULL,
                UNIQUE (persistence_id, sequence_nr)
            );
            -- The highest sequence number of deleted events, so it is still reported after deletion.
            CREATE TABLE journal_metadata (
                persistence_id TEXT PRIMARY KEY,
                highest_sequence_nr INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE snapshots (
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                "timestamp" INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                UNIQUE (persistence_id, sequence_nr)
            );
            """),
    ];

    public static int LatestVersion => s_migrations[^1].Version;

    public static void Migrate(SqliteConnection writer)
    {
        using var transaction = writer.BeginTransaction(deferred: false);
        SqliteDatabase.Execute(writer, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", transaction);
        var applied = new HashSet<long>();
        using (var select = writer.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT version FROM schema_migrations";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt64(0));
            }
        }
        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database {writer.DataSource} has schema version {applied.Max()}, newer than this build knows ({LatestVersion}); use a newer build.");
        }
        foreach (var (version, sql) in s_migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }
            SqliteDatabase.Execute(writer, sql, transaction);
            using var record = writer.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
            record.Parameters.AddWithValue("$version", version);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
