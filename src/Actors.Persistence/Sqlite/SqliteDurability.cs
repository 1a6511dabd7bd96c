namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>When a committed write reaches the disk (SQLite's <c>PRAGMA synchronous</c> in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c>: the WAL is fsynced only at checkpoints. An acknowledged write survives
    /// the process being killed (kill -9), but the last commits can be lost when the machine loses power
    /// or the kernel crashes. No fsync per commit.
    /// </summary>
    Normal,

    /// <summary>
    /// <c>synchronous=FULL</c>: the WAL is fsynced at every commit, so an acknowledged write also
    /// survives a power loss. One fsync per transaction, which batching spreads over many events.
    /// </summary>
    Full,
}
