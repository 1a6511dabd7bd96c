using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Tests.Contract;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJournalTests(PrivatePostgres postgres) : JournalContract
{
    private static readonly string s_schema = PrivatePostgres.NewSchemaName("journal");

    protected override Task<IJournal> OpenAsync(EventSerializer serializer) => Open(serializer);

    protected override Task<IJournal> ReopenAsync(EventSerializer serializer) => Open(serializer);

    private async Task<IJournal> Open(EventSerializer serializer)
    {
        var journal = new PostgreSqlJournal(new PostgreSqlStoreOptions { ConnectionString = postgres.ConnectionString, SchemaName = s_schema }, serializer);
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }
}
