using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Host.Security;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Printing;

namespace MachineActors.Host;

/// <summary>Opens the journal and snapshot store the node's options ask for, with every persisted type registered.</summary>
public sealed class NodeStorage
{
    /// <summary>The embedded default's file, inside the data folder.</summary>
    public const string SqliteFileName = "machineactors.db";

    /// <summary>Largest stored event: an accepted print job carries its labels (a print request is at most 8 MiB).</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    public static EventTypeRegistry Registry() => PrintQueueEventTypes.Register(MachineStoreEventTypes.Register(new EventTypeRegistry()
        .Register<TokenCreated>("token-created.v1")
        .Register<TokenRevoked>("token-revoked.v1")));

    public (IJournal Journal, ISnapshotStore Snapshots) Open(NodeOptions options)
    {
        var serializer = new EventSerializer(Registry(), MaxPayloadBytes);
        switch (options.Storage.ToLowerInvariant())
        {
            case "sqlite":
                var sqlite = new SqliteStoreOptions { DatabasePath = Path.Combine(options.DataDir, SqliteFileName) };
                return (new SqliteJournal(sqlite, serializer), new SqliteSnapshotStore(sqlite, serializer));
            case "postgresql":
                var connectionString = options.PostgresConnectionString
                    ?? throw new InvalidOperationException("Storage 'postgresql' needs Node:PostgresConnectionString (--postgres).");
                return (
                    new PostgreSqlJournal(PostgresFor(connectionString, NodePostgres.JournalConnections), serializer),
                    new PostgreSqlSnapshotStore(PostgresFor(connectionString, NodePostgres.SnapshotConnections), serializer));
            case "memory":
                return (new InMemoryJournal(serializer), new InMemorySnapshotStore(serializer));
            default:
                throw new InvalidOperationException($"Unknown storage '{options.Storage}': use sqlite, postgresql or memory.");
        }
    }

    /// <summary>A PostgreSQL store's options with its own bounded pool (see <see cref="NodePostgres"/>).</summary>
    public static PostgreSqlStoreOptions PostgresFor(string connectionString, int connections) =>
        new() { ConnectionString = NodePostgres.WithPoolLimit(connectionString, connections) };
}
