using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>
/// What every PostgreSQL user in this code base does with its schema: check the name, quote it for SQL text,
/// and create what it needs at start in one transaction under a transaction-level advisory lock, so nodes
/// starting at once never race (<c>CREATE ... IF NOT EXISTS</c> alone still collides in the catalog).
/// </summary>
public static partial class PostgreSqlSchemaNames
{
    /// <summary>The schema name, checked (1 to 63 lower-case letters, digits and '_', no leading digit) and double-quoted.</summary>
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

    /// <summary>
    /// Opens a transaction, takes the advisory lock of (<paramref name="owner"/>, <paramref name="schemaName"/>),
    /// creates the schema when missing, runs <paramref name="body"/> with the connection and the quoted schema, and commits.
    /// </summary>
    /// <param name="owner">Who creates things there (e.g. "MachineActors.Persistence"); owners lock independently.</param>
    public static async Task EnsureAsync(
        NpgsqlDataSource dataSource, string schemaName, string owner, Func<NpgsqlConnection, string, Task> body, CancellationToken cancellationToken)
    {
        var schema = Quote(schemaName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockSchema = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection))
        {
            lockSchema.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(owner + "/" + schemaName) });
            await lockSchema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schemaName });
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await body(connection, schema).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="sql"/>, in which <c>{schema}</c> stands for the quoted schema.</summary>
    public static Task EnsureAsync(NpgsqlDataSource dataSource, string schemaName, string owner, string sql, CancellationToken cancellationToken) =>
        EnsureAsync(dataSource, schemaName, owner, async (connection, schema) =>
        {
            await using var ddl = new NpgsqlCommand(sql.Replace("{schema}", schema, StringComparison.Ordinal), connection);
            await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>A stable 64-bit key (FNV-1a), so unrelated schemas and owners do not wait on each other.</summary>
    private static long LockKey(string scope)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(scope))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();
}
