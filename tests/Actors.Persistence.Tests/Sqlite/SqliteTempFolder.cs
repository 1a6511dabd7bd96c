using MachineActors.Actors.Persistence.Sqlite;

namespace MachineActors.Actors.Persistence.Tests.Sqlite;

/// <summary>A temp folder per test class, holding the class's database file; removed afterwards.</summary>
public sealed class SqliteTempFolder : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("machineactors-sqlite-").FullName;

    public string DatabasePath => Path.Combine(Folder, "machineactors.db");

    public SqliteStoreOptions Options => new() { DatabasePath = DatabasePath };

    /// <summary>Options for a fresh file of its own in this folder.</summary>
    public SqliteStoreOptions NewFile() => new() { DatabasePath = Path.Combine(Folder, $"{Guid.NewGuid():N}.db") };

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
