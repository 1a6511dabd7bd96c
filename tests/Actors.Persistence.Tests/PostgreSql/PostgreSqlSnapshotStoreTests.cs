using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Tests.Contract;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSnapshotStoreTests(PrivatePostgres postgres) : SnapshotStoreContract
{
    private static readonly string s_schema = PrivatePostgres.NewSchemaName("snapshots");

    protected override Task<ISnapshotStore> OpenAsync(EventSerializer serializer) => Open(serializer);

    protected override Task<ISnapshotStore> ReopenAsync(EventSerializer serializer) => Open(serializer);

    private async Task<ISnapshotStore> Open(EventSerializer serializer)
    {
        var store = new PostgreSqlSnapshotStore(new PostgreSqlStoreOptions { ConnectionString = postgres.ConnectionString, SchemaName = s_schema }, serializer);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
