using MachineActors.Actors;
using MachineActors.Actors.Event;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Registry.Persistence;

namespace MachineActors.Registry.Tests.Persistence;

/// <summary>An actor system with persistence on a SQLite file and the journal-backed machine store: one "process" of a node.</summary>
internal sealed class JournalNode : IAsyncDisposable
{
    private JournalNode(ActorSystem system, JournalMachineConfigStore store, string databasePath)
    {
        System = system;
        Store = store;
        DatabasePath = databasePath;
    }

    public ActorSystem System { get; }

    public JournalMachineConfigStore Store { get; }

    public string DatabasePath { get; }

    public static EventSerializer Serializer() => new(MachineStoreEventTypes.Register(new EventTypeRegistry()), 1024 * 1024);

    public static async Task<JournalNode> Start(string folder)
    {
        var system = ActorSystem.Create("node", new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Off });
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "machines.db") };
        await MachineActors.Actors.Persistence.Persistence.StartAsync(system, new SqliteJournal(options, Serializer()), new SqliteSnapshotStore(options, Serializer()));
        return new JournalNode(system, new JournalMachineConfigStore(system), options.DatabasePath);
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
}
