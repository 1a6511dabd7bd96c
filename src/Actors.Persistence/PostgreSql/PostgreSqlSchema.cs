using Npgsql;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>
/// The PostgreSQL schema as numbered migrations, recorded in <c>schema_migrations(version, applied_at)</c>
/// inside the store's schema. Migrating runs in one transaction that first takes a transaction-level
/// advisory lock for the schema, so nodes starting at once apply each migration exactly once (even
/// <c>CREATE ... IF NOT EXISTS</c> races without it).
/// </summary>
internal static class PostgreSqlSchema
{
    private static readonly (int Version, string Sql)[] s_migrations =
    [
        (1, """
            -- ordering: the global write order. timestamp: UTC ticks (100 ns since 0001-01-01), exact.
            CREATE TABLE {schema}.journal (
                ordering BIGSERIAL PRIMARY KEY,
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                "timestamp" BIGINT NOT NULL,
                CONSTRAINT journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr)
            );
            -- The highest sequence number of deleted events, so it is still reported after deletion.
            CREATE TABLE {schema}.journal_metadata (
                persistence_id TEXT PRIMARY KEY,
                highest_sequence_nr BIGINT NOT NULL
            );
            CREATE TABLE {schema}.snapshots (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                "timestamp" BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            """),
    ];

    public static int LatestVersion => s_migrations[^1].Version;

    /// <summary>The schema name, checked and double-quoted for SQL text.</summary>
    public static string Quote(string schemaName) => PostgreSqlSchemaNames.Quote(schemaName);

    public static Task MigrateAsync(NpgsqlDataSource dataSource, string schemaName, CancellationToken cancellationToken) =>
        PostgreSqlSchemaNames.EnsureAsync(dataSource, schemaName, "MachineActors.Persistence", async (connection, schema) =>
        {
            await ExecuteAsync(connection,
                $"CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<int>();
            await using (var select = new NpgsqlCommand($"SELECT version FROM {schema}.schema_migrations", connection))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            if (applied.Count > 0 && applied.Max() > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL schema '{schemaName}' has schema version {applied.Max()}, newer than this build knows ({LatestVersion}); use a newer build.");
            }
            foreach (var (version, sql) in s_migrations)
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                await ExecuteAsync(connection, sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_migrations (version) VALUES ($1)", cancellationToken, version)
                    .ConfigureAwait(false);
            }
        }, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
