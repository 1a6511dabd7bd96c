using System.Data.Common;
using Npgsql;

namespace MachineActors.Host;

/// <summary>
/// Bounds a node's PostgreSQL connections. Npgsql pools up to 100 connections per data source and a cluster node has three
/// (journal, snapshot store, cluster tables), so a station that takes over many machines at once (each recovers its
/// streams in parallel) could open hundreds and exhaust the server's max_connections (100 by default) for every node:
/// "53300: sorry, too many clients already", failed recoveries, failed heartbeats and lease renewals. Each data source
/// gets a small pool instead, unless the connection string sets its own "Maximum Pool Size"; a query then waits for a
/// free connection (up to the connection string's Timeout) rather than failing.
/// </summary>
public static class NodePostgres
{
    /// <summary>Connections of the journal: group-committed writes and the replays of recovering streams.</summary>
    public const int JournalConnections = 8;

    /// <summary>Connections of the snapshot store.</summary>
    public const int SnapshotConnections = 4;

    /// <summary>Connections for membership, leases and the machine catalog (every front-end request reads the catalog).</summary>
    public const int ClusterConnections = 8;

    /// <summary><paramref name="connectionString"/> with Maximum Pool Size <paramref name="connections"/>, unless it names a size itself.</summary>
    public static string WithPoolLimit(string connectionString, int connections)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal));
        if (keys.Any(key => key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections }.ConnectionString;
    }
}
