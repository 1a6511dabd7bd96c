namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>Settings of the embedded SQLite journal and snapshot store; both may use the same file.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file, created with its folder when missing (the host uses <c>./data/machineactors.db</c>).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// How long a statement waits for a lock held by another connection or process before it fails:
    /// 5 s. Writers of one process never wait on each other through SQLite (they queue in-process).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When a commit reaches the disk: <see cref="SqliteDurability.Full"/> (the default), so an
    /// acknowledged event survives kill -9 and power loss alike; <see cref="SqliteDurability.Normal"/>
    /// survives kill -9 only.
    /// </summary>
    public SqliteDurability Durability { get; init; } = SqliteDurability.Full;
}
