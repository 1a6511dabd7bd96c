using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>
/// The PostgreSQL schema as numbered migrations, recorded in <c>schema_migrations(version, applied_at)</c>
/// inside the store's schema. Migrating runs in one transaction that first takes a transaction-level
/// advisory lock for the schema, so nodes starting at once apply each migration exactly once (even
/// <c>CREATE ... IF NOT EXISTS</c> races without it).
/// </summary>
internal static partial class PostgreSqlSchema
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
    public static string Quote(string schemaName)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        if (!SchemaNamePattern().IsMatch(schemaName))
        {
            throw new ArgumentException(
                $"The schema name '{schemaName}' is not allowed: use 1 to 63 lower-case letters, digits and '_', not starting with a digit.", nameof(schemaName));
        }
        return $"\"{schemaName}\"";
    }

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schemaName, CancellationToken cancellationToken)
    {
        var schema = Quote(schemaName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, LockKey(schemaName)).ConfigureAwait(false);
        // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schemaName });
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA {schema}", cancellationToken).ConfigureAwait(false);
            }
        }
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
            await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_migrations (version) VALUES ($1)", cancellationToken, version).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), so migrations of different schemas do not wait on each other.</summary>
    internal static long LockKey(string schemaName)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("MachineActors.Persistence/" + schemaName))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();
}
