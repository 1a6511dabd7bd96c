namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>Loads the bundled e_sqlite3 library into Microsoft.Data.Sqlite exactly once per process.</summary>
internal static class SqliteNative
{
    private static readonly Lock s_lock = new();
    private static bool s_initialized;

    public static void EnsureInitialized()
    {
        lock (s_lock)
        {
            if (!s_initialized)
            {
                SQLitePCL.Batteries_V2.Init();
                s_initialized = true;
            }
        }
    }
}
