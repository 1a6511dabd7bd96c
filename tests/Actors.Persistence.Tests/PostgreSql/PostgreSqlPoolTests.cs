using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Tests.Contract;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

/// <summary>
/// A store that builds its own data source opens a bounded number of connections: callers beyond it wait for one.
/// Found by the load test: with Npgsql's default pool (100 per data source) a front-end answering 100 requests at
/// once and a station recovering its machines together asked PostgreSQL for more connections than it takes (100 by
/// default), and it refused them ("53300: sorry, too many clients already"): requests failed with 500 and machines'
/// print queues did not recover.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPoolTests(PrivatePostgres postgres)
{
    private readonly string _schema = PrivatePostgres.NewSchemaName("pool");

    [Fact]
    public async Task A_journal_built_from_a_connection_string_opens_at_most_its_pool_of_connections()
    {
        var pool = await MostConnectionsOfThirtyHeldReplays(postgres.ConnectionString);

        Assert.Equal(new PostgreSqlStoreOptions().MaxPoolSize, pool);
    }

    [Fact]
    public async Task A_pool_size_in_the_connection_string_is_kept()
    {
        var pool = await MostConnectionsOfThirtyHeldReplays(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 13 }.ConnectionString);

        Assert.Equal(13, pool);
    }

    [Theory]
    [InlineData("Host=db;Username=u", 10)]
    [InlineData("Host=db;Username=u;Maximum Pool Size=50", 50)]
    [InlineData("Host=db;Username=u;maximum pool size=5", 5)]
    [InlineData("Host=db;Username=u;MaxPoolSize=7", 7)]
    [InlineData("Host=db;Username=u;Minimum Pool Size=20", 20)]
    public void The_default_pool_size_applies_only_when_the_connection_string_sets_none(string connectionString, int expected)
    {
        var bounded = PostgreSqlConnectionStrings.WithDefaultMaxPoolSize(connectionString, 10);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(bounded).MaxPoolSize);
    }

    /// <summary>Thirty replays at once, each holding its connection after its first event: how many connections opened.</summary>
    private async Task<int> MostConnectionsOfThirtyHeldReplays(string connectionString)
    {
        var application = $"pool-test-{Guid.NewGuid():N}";
        var options = new PostgreSqlStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = application }.ConnectionString,
            SchemaName = _schema,
        };
        await using var journal = new PostgreSqlJournal(options, ContractSerialization.Serializer());
        await journal.InitializeAsync(CancellationToken.None);
        var ids = Enumerable.Range(0, 30).Select(_ => TestWrites.NewId("pool")).ToList();
        await journal.WriteAsync([.. ids.Select(id => TestWrites.Write(id, 1, count: 2))], CancellationToken.None);

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replays = ids.Select(id => Task.Run(async () =>
        {
            await using var events = journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue, CancellationToken.None).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync());
            await release.Task;
            while (await events.MoveNextAsync())
            {
            }
        })).ToList();
        var most = 0;
        for (var sample = 0; sample < 20; sample++)
        {
            await Task.Delay(50);
            most = Math.Max(most, (int)await postgres.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'"));
        }
        release.SetResult();
        await Task.WhenAll(replays);
        return most;
    }
}
