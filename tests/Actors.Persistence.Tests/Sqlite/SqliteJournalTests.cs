using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Actors.Persistence.Tests.Contract;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.Sqlite;

public sealed class SqliteJournalTests(SqliteTempFolder folder) : JournalContract, IClassFixture<SqliteTempFolder>
{
    protected override Task<IJournal> OpenAsync(EventSerializer serializer) => Open(serializer);

    protected override Task<IJournal> ReopenAsync(EventSerializer serializer) => Open(serializer);

    private async Task<IJournal> Open(EventSerializer serializer)
    {
        var journal = new SqliteJournal(folder.Options, serializer);
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }
}
