using System.Data.Common;
using Npgsql;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>Connection-string defaults for the data sources a node builds itself.</summary>
public static class PostgreSqlConnectionStrings
{
    /// <summary>
    /// The connection string with Npgsql's <c>Maximum Pool Size</c> set to <paramref name="maxPoolSize"/>, unless it sets
    /// one itself (or a <c>Minimum Pool Size</c> above it). Npgsql's own default is 100 connections per data source,
    /// which a few nodes with a few data sources each would ask of a PostgreSQL that takes 100 in all (its default
    /// max_connections); past its limit PostgreSQL refuses new connections, while a bounded pool makes callers wait.
    /// </summary>
    public static string WithDefaultMaxPoolSize(string connectionString, int maxPoolSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoolSize);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            if (key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE")
            {
                return connectionString;
            }
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = Math.Max(maxPoolSize, builder.MinPoolSize);
        return builder.ConnectionString;
    }
}
