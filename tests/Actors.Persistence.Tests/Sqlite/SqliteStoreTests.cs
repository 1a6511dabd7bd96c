using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Actors.Persistence.Tests.Contract;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.Sqlite;

/// <summary>What the SQLite stores promise beyond the contract: WAL, durability, one transaction per batch, readers beside the writer, migrations.</summary>
public sealed class SqliteStoreTests(SqliteTempFolder folder) : IClassFixture<SqliteTempFolder>
{
    private static async Task<SqliteJournal> OpenJournal(SqliteStoreOptions options)
    {
        var journal = new SqliteJournal(options, ContractSerialization.Serializer());
        await journal.InitializeAsync(CancellationToken.None);
        return journal;
    }

    private static async Task<T> Scalar<T>(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_and_commits_are_fsynced()
    {
        var options = folder.NewFile();
        await using var journal = await OpenJournal(options);
        var results = await journal.WriteAsync([TestWrites.Write(TestWrites.NewId("wal"), 1)], CancellationToken.None);
        Assert.Null(results[0]);

        Assert.Equal("wal", await Scalar<string>(options.DatabasePath, "PRAGMA journal_mode"));
        Assert.True(File.Exists(options.DatabasePath + "-wal"), "a write in WAL mode goes to the -wal file");
        await using var synchronous = journal.WriterConnection.CreateCommand();
        synchronous.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await synchronous.ExecuteScalarAsync()); // FULL
    }

    [Fact]
    public async Task Acknowledged_writes_are_in_the_files_a_killed_process_leaves()
    {
        var options = folder.NewFile();
        var journal = await OpenJournal(options);
        var id = TestWrites.NewId("crash");
        Assert.All(await journal.WriteAsync([TestWrites.Write(id, 1, 2), TestWrites.Write(id, 3)], CancellationToken.None), Assert.Null);

        // The files as kill -9 would leave them: connections still open, nothing checkpointed or closed.
        var crashed = folder.NewFile();
        File.Copy(options.DatabasePath, crashed.DatabasePath);
        File.Copy(options.DatabasePath + "-wal", crashed.DatabasePath + "-wal");
        await journal.DisposeAsync();

        await using var recovered = await OpenJournal(crashed);
        Assert.Equal([1L, 2, 3], (await TestWrites.ReplayAll(recovered, id)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Normal_durability_sets_synchronous_normal()
    {
        await using var journal = await OpenJournal(folder.NewFile() with { Durability = SqliteDurability.Normal });
        await using var synchronous = journal.WriterConnection.CreateCommand();
        synchronous.CommandText = "PRAGMA synchronous";
        Assert.Equal(1L, await synchronous.ExecuteScalarAsync()); // NORMAL
    }

    [Fact]
    public async Task A_batch_of_1000_writes_from_1000_ids_is_one_transaction()
    {
        await using var journal = await OpenJournal(folder.Options);
        var commits = 0;
        raw.sqlite3_commit_hook(journal.WriterConnection.Handle, _ =>
        {
            Interlocked.Increment(ref commits);
            return 0;
        }, null);
        try
        {
            var writes = TestWrites.OneEachForNewIds("batch", 1000);
            var results = await journal.WriteAsync(writes, CancellationToken.None);

            Assert.All(results, Assert.Null);
            Assert.Equal(1, Volatile.Read(ref commits));
            foreach (var write in writes.Take(5).Concat(writes.TakeLast(5)))
            {
                Assert.Single(await TestWrites.ReplayAll(journal, write.PersistenceId));
            }
        }
        finally
        {
            raw.sqlite3_commit_hook(journal.WriterConnection.Handle, null, null);
        }
    }

    [Fact]
    public async Task A_duplicate_at_the_end_of_a_1000_write_batch_stores_nothing()
    {
        await using var journal = await OpenJournal(folder.Options);
        var taken = TestWrites.NewId("taken");
        Assert.Null((await journal.WriteAsync([TestWrites.Write(taken, 1)], CancellationToken.None))[0]);
        var writes = TestWrites.OneEachForNewIds("doomed", 999);
        writes.Add(TestWrites.Write(taken, 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.WriteAsync(writes, CancellationToken.None));

        Assert.Contains($"Sequence number 1 of '{taken}' is already stored", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await Scalar<long>(folder.DatabasePath, $"SELECT count(*) FROM journal WHERE persistence_id = '{taken}'"));
        Assert.Equal(0L, await Scalar<long>(folder.DatabasePath, "SELECT count(*) FROM journal WHERE persistence_id LIKE 'doomed-%'"));
    }

    [Fact]
    public async Task Reads_are_not_blocked_by_a_write_in_progress()
    {
        await using var journal = await OpenJournal(folder.Options);
        var existing = TestWrites.NewId("existing");
        Assert.Null((await journal.WriteAsync([TestWrites.Write(existing, 1, 3)], CancellationToken.None))[0]);
        var inCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        raw.sqlite3_commit_hook(journal.WriterConnection.Handle, _ =>
        {
            inCommit.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }, null);
        var pending = TestWrites.NewId("pending");
        Task<IReadOnlyList<Exception?>> write;
        try
        {
            write = Task.Run(() => journal.WriteAsync([TestWrites.Write(pending, 1, 2)], CancellationToken.None));
            await inCommit.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // The writer holds the write lock inside its commit: reads still answer, from the last committed state.
            var replayed = await TestWrites.ReplayAll(journal, existing).WaitAsync(TimeSpan.FromSeconds(2));
            Assert.Equal(3, replayed.Count);
            Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(pending, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)));
            Assert.False(write.IsCompleted);
        }
        finally
        {
            release.Set();
        }
        Assert.All(await write, Assert.Null);
        raw.sqlite3_commit_hook(journal.WriterConnection.Handle, null, null);
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync(pending, CancellationToken.None));
    }

    [Fact]
    public async Task Stores_opening_one_new_file_at_once_apply_each_migration_once()
    {
        var options = folder.NewFile();
        var serializer = ContractSerialization.Serializer();
        var journals = Enumerable.Range(0, 3).Select(_ => new SqliteJournal(options, serializer)).ToList();
        var snapshots = Enumerable.Range(0, 3).Select(_ => new SqliteSnapshotStore(options, serializer)).ToList();
        try
        {
            await Task.WhenAll(journals.Select(j => Task.Run(() => j.InitializeAsync(CancellationToken.None)))
                .Concat(snapshots.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None)))));

            Assert.Equal(1L, await Scalar<long>(options.DatabasePath, "SELECT count(*) FROM schema_migrations"));
            Assert.Equal((long)SqliteSchema.LatestVersion, await Scalar<long>(options.DatabasePath, "SELECT max(version) FROM schema_migrations"));
        }
        finally
        {
            foreach (var store in journals.Cast<IAsyncDisposable>().Concat(snapshots))
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_file_from_a_newer_build_is_refused()
    {
        var options = folder.NewFile();
        await (await OpenJournal(options)).DisposeAsync();
        await Scalar<long>(options.DatabasePath, "INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later') RETURNING version");

        var journal = new SqliteJournal(options, ContractSerialization.Serializer());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.InitializeAsync(CancellationToken.None));
        Assert.Contains("schema version 999, newer than this build knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_and_the_snapshot_store_write_one_file_at_once()
    {
        var options = folder.NewFile();
        await using var journal = await OpenJournal(options);
        await using var snapshots = new SqliteSnapshotStore(options, ContractSerialization.Serializer());
        await snapshots.InitializeAsync(CancellationToken.None);
        var id = TestWrites.NewId("shared");

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var n = 1; n <= 50; n++)
                {
                    Assert.Null((await journal.WriteAsync([TestWrites.Write(id, n)], CancellationToken.None))[0]);
                }
            }),
            Task.Run(async () =>
            {
                for (var n = 1; n <= 50; n++)
                {
                    await snapshots.SaveAsync(new SnapshotMetadata(id, n, DateTimeOffset.UnixEpoch), new PrinterSnapshot("p", n, []), CancellationToken.None);
                }
            }));

        Assert.Equal(50, await journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        Assert.Equal(50, (await snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None))!.Metadata.SequenceNr);
    }
}
