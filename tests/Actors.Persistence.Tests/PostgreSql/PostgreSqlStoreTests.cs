using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Tests.Contract;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

/// <summary>What the PostgreSQL stores promise beyond the contract: concurrent-safe migrations, one transaction per batch, global ordering.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private readonly string _schema = PrivatePostgres.NewSchemaName("store");
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialized.");

    private PostgreSqlStoreOptions Options => new() { SchemaName = _schema };

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private async Task<PostgreSqlJournal> OpenJournal(int maxEventsPerBatch = 1000)
    {
        var journal = new PostgreSqlJournal(DataSource, Options with { MaxEventsPerBatch = maxEventsPerBatch }, ContractSerialization.Serializer());
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }

    [Fact]
    public async Task Migrations_run_once_when_stores_initialise_concurrently()
    {
        var serializer = ContractSerialization.Serializer();
        var stores = new List<IAsyncDisposable>();
        var initializations = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            var journal = new PostgreSqlJournal(DataSource, Options, serializer);
            var snapshots = new PostgreSqlSnapshotStore(new PostgreSqlStoreOptions { ConnectionString = postgres.ConnectionString, SchemaName = _schema }, serializer);
            stores.Add(journal);
            stores.Add(snapshots);
            initializations.Add(Task.Run(() => journal.InitializeAsync(CancellationToken.None)));
            initializations.Add(Task.Run(() => snapshots.InitializeAsync(CancellationToken.None)));
        }
        try
        {
            await Task.WhenAll(initializations);

            Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {_schema}.schema_migrations"));
            Assert.Equal(PostgreSqlSchema.LatestVersion, await postgres.ScalarAsync<int>($"SELECT max(version) FROM {_schema}.schema_migrations"));
            Assert.Equal(3L, await postgres.ScalarAsync<long>(
                $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema}' AND table_name IN ('journal', 'journal_metadata', 'snapshots')"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_from_a_newer_build_is_refused()
    {
        await using (await OpenJournal())
        {
        }
        await postgres.ScalarAsync<int>($"INSERT INTO {_schema}.schema_migrations (version) VALUES (999) RETURNING version");

        await using var journal = new PostgreSqlJournal(DataSource, Options, ContractSerialization.Serializer());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.InitializeAsync(CancellationToken.None));
        Assert.Contains("schema version 999, newer than this build knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_name_that_is_not_a_plain_identifier_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new PostgreSqlJournal(DataSource, Options with { SchemaName = "x\"; DROP TABLE y; --" }, ContractSerialization.Serializer()));
        Assert.Contains("is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000)] // one round trip, one statement
    [InlineData(64)] // 16 round trips inside one explicit transaction
    public async Task A_batch_of_1000_writes_from_1000_ids_is_one_transaction(int maxEventsPerBatch)
    {
        await using var journal = await OpenJournal(maxEventsPerBatch);
        var prefix = $"one-tx-{maxEventsPerBatch}";
        var writes = TestWrites.OneEachForNewIds(prefix, 1000);

        Assert.All(await journal.WriteAsync(writes, CancellationToken.None), Assert.Null);

        Assert.Equal(1000L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {_schema}.journal WHERE persistence_id LIKE '{prefix}-%'"));
        // Every row a transaction inserts carries that transaction's id in xmin.
        Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(DISTINCT xmin::text) FROM {_schema}.journal WHERE persistence_id LIKE '{prefix}-%'"));
    }

    [Fact]
    public async Task A_duplicate_in_the_last_round_trip_stores_nothing()
    {
        await using var journal = await OpenJournal(maxEventsPerBatch: 100);
        var taken = TestWrites.NewId("taken");
        Assert.Null((await journal.WriteAsync([TestWrites.Write(taken, 1)], CancellationToken.None))[0]);
        var writes = TestWrites.OneEachForNewIds("doomed", 999);
        writes.Add(TestWrites.Write(taken, 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.WriteAsync(writes, CancellationToken.None));

        Assert.Contains($"Sequence number 1 of '{taken}' is already stored", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(0L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {_schema}.journal WHERE persistence_id LIKE 'doomed-%'"));
        Assert.Single(await TestWrites.ReplayAll(journal, taken));
    }

    [Fact]
    public async Task A_sequence_number_repeated_within_one_batch_is_named()
    {
        await using var journal = await OpenJournal();
        var id = TestWrites.NewId("twice");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            journal.WriteAsync([TestWrites.Write(id, 1, 2), TestWrites.Write(id, 2)], CancellationToken.None));

        Assert.Contains($"Sequence number 2 of '{id}' occurs twice in one batch", error.Message, StringComparison.Ordinal);
        Assert.Empty(await TestWrites.ReplayAll(journal, id));
    }

    [Fact]
    public async Task Ordering_is_strictly_increasing_in_write_order()
    {
        await using var journal = await OpenJournal(maxEventsPerBatch: 7);
        var ids = Enumerable.Range(0, 5).Select(i => TestWrites.NewId($"order{i}")).ToList();
        var expected = new List<(string, long)>();
        var next = ids.ToDictionary(id => id, _ => 1L);
        for (var round = 0; round < 6; round++)
        {
            // Interleaved ids, several events per write, batches above and below the per-round-trip limit.
            var writes = ids.Skip(round % 2).Select(id => TestWrites.Write(id, next[id], 1 + ((round + id.Length) % 3))).ToList();
            foreach (var write in writes)
            {
                next[write.PersistenceId] = write.HighestSequenceNr + 1;
                expected.AddRange(write.Events.Select(e => (e.PersistenceId, e.SequenceNr)));
            }
            Assert.All(await journal.WriteAsync(writes, CancellationToken.None), Assert.Null);
        }

        var stored = await postgres.RowsAsync(
            $"SELECT persistence_id, sequence_nr FROM {_schema}.journal WHERE persistence_id LIKE 'order_-%' ORDER BY ordering");
        Assert.Equal(expected, stored);
    }
}
