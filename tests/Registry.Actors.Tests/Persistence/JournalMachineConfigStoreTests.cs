using System.Collections.Immutable;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Persistence;

public sealed class JournalMachineConfigStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-store-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static MachineConfig Config(string name) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        MachineTypeSlug = "label-printer",
        DriverSlug = "virtual-label-printer",
        Placement = "station-a",
    };

    private static StoredMachineState State(int code, string text, params string[] errors) => new(
        code, text, [.. errors],
        ImmutableDictionary<string, MachineProperty>.Empty.Add("labels", new MachineProperty("labels", 42, "counters", PropertyType.Int, null)),
        RestartRequired: true);

    [Fact]
    public async Task Configs_settings_and_states_come_back_after_a_restart_with_their_value_types()
    {
        var printer = Config("printer-1")
            .WithSetting(SettingConfigType.Machine, "LOCATION", "Shipping")
            .WithSetting(SettingConfigType.Driver, "COPIES", 2)
            .WithSetting(SettingConfigType.Driver, "DARKNESS", 0.5)
            .WithSetting(SettingConfigType.Driver, "CUTTER", true);
        var other = Config("printer-2") with { Active = false };
        await using (var node = await JournalNode.Start(_folder))
        {
            await node.Store.Add(printer);
            await node.Store.Add(other);
            await node.Store.SetSetting(printer.Id, SettingConfigType.Machine, "LOCATION", "Dock 4");
            await node.Store.Update(other with { Name = "printer-2b" });
            node.Store.RecordState(printer.Id, State(110, "printing"));
            node.Store.RecordState(printer.Id, State(301, "no media", "Out of labels"));
            // Ordered behind the state records of the same machine: once this is read, they are stored.
            Assert.Equal("Dock 4", await node.Store.GetSetting(printer.Id, SettingConfigType.Machine, "LOCATION"));
        }

        await using var restarted = await JournalNode.Start(_folder);
        var configs = await restarted.Store.LoadAll();
        Assert.Equal(["printer-1", "printer-2b"], configs.Select(c => c.Name));
        var loaded = configs[0];
        Assert.Equal("Dock 4", loaded.MachineSettings["LOCATION"]);
        Assert.Equal(2, Assert.IsType<int>(loaded.DriverSettings["COPIES"]));
        Assert.Equal(0.5, Assert.IsType<double>(loaded.DriverSettings["DARKNESS"]));
        Assert.True(Assert.IsType<bool>(loaded.DriverSettings["CUTTER"]));
        Assert.Equal("station-a", loaded.Placement);
        Assert.False(configs[1].Active);
        var state = (await restarted.Store.LoadStates())[printer.Id];
        Assert.Equal(301, state.StatusCode);
        Assert.Equal("no media", state.StatusText);
        Assert.Equal(["Out of labels"], state.Errors);
        Assert.Equal(42, state.Properties["labels"].Value);
        Assert.True(state.RestartRequired);
        Assert.False((await restarted.Store.LoadStates()).ContainsKey(other.Id));
    }

    [Fact]
    public async Task Removed_machines_stay_removed_and_misuse_is_refused()
    {
        var printer = Config("printer-1");
        await using (var node = await JournalNode.Start(_folder))
        {
            await node.Store.Add(printer);
            await Assert.ThrowsAsync<InvalidOperationException>(() => node.Store.Add(printer));
            await node.Store.Remove(printer.Id);
            await Assert.ThrowsAsync<KeyNotFoundException>(() => node.Store.SetSetting(printer.Id, SettingConfigType.Driver, "X", "y"));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => node.Store.Update(printer));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => node.Store.GetSetting(Guid.NewGuid(), SettingConfigType.Driver, "X"));
            node.Store.RecordState(printer.Id, State(100, "ignored"));
        }
        await using var restarted = await JournalNode.Start(_folder);
        Assert.Empty(await restarted.Store.LoadAll());
        Assert.Empty(await restarted.Store.LoadStates());
    }

    [Fact]
    public async Task Frequent_state_records_are_snapshotted_so_recovery_replays_few_events()
    {
        var printer = Config("busy");
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder, "machines.db") };
        var persistenceId = $"machine-{printer.Id}";
        await using (var node = await JournalNode.Start(_folder))
        {
            await node.Store.Add(printer);
            for (var i = 1; i <= 250; i++)
            {
                node.Store.RecordState(printer.Id, State(100, $"poll {i}"));
            }
            await node.Store.LoadStates();
            // Snapshots are saved after their event and older events deleted after that, both in the background:
            // wait (with a deadline) until the snapshot at #200 exists and the events before it are gone.
            await using var snapshots = new SqliteSnapshotStore(options, JournalNode.Serializer());
            await using var journal = new SqliteJournal(options, JournalNode.Serializer());
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await snapshots.LoadAsync(persistenceId, SnapshotSelectionCriteria.Latest, CancellationToken.None))?.Metadata.SequenceNr < 200
                || await CountEvents(journal, persistenceId) > 251 - 200)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{await CountEvents(journal, persistenceId)} events left after 10 s");
                await Task.Delay(20);
            }
        }
        await using (var restarted = await JournalNode.Start(_folder))
        {
            Assert.Equal("poll 250", (await restarted.Store.LoadStates())[printer.Id].StatusText);
        }
        await using var reopened = new SqliteJournal(options, JournalNode.Serializer());
        Assert.Equal(251, await reopened.ReadHighestSequenceNrAsync(persistenceId, CancellationToken.None));
    }

    [Fact]
    public async Task Creating_and_recovering_a_machine_stream_saves_no_snapshot()
    {
        var printer = Config("quiet");
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder, "machines.db") };
        for (var start = 0; start < 2; start++)
        {
            await using var node = await JournalNode.Start(_folder);
            if (start == 0)
            {
                await node.Store.Add(printer);
            }
            Assert.Equal("quiet", (await node.Store.LoadAll()).Single().Name);
        }
        await using var snapshots = new SqliteSnapshotStore(options, JournalNode.Serializer());
        Assert.Null(await snapshots.LoadAsync($"machine-{printer.Id}", SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    private static async Task<int> CountEvents(SqliteJournal journal, string persistenceId)
    {
        var events = 0;
        await foreach (var _ in journal.ReplayAsync(persistenceId, 1, long.MaxValue, long.MaxValue, CancellationToken.None))
        {
            events++;
        }
        return events;
    }
}
