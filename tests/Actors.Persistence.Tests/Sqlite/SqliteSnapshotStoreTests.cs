using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Actors.Persistence.Tests.Contract;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreTests(SqliteTempFolder folder) : SnapshotStoreContract, IClassFixture<SqliteTempFolder>
{
    protected override Task<ISnapshotStore> OpenAsync(EventSerializer serializer) => Open(serializer);

    protected override Task<ISnapshotStore> ReopenAsync(EventSerializer serializer) => Open(serializer);

    private async Task<ISnapshotStore> Open(EventSerializer serializer)
    {
        var store = new SqliteSnapshotStore(folder.Options, serializer);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
