using MachineActors.Actors;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Event;
using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Machines;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Tests.Persistence;
using Npgsql;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>
/// <see cref="JournalMachineConfigStore"/> listed by the cluster's catalog, as two nodes share it on one PostgreSQL
/// journal: the catalog is the list (no shared index stream), and a node reads a machine fresh when it takes it over.
/// </summary>
[Collection(RegistryPostgresCollection.Name)]
public sealed class CatalogListedStoreTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private readonly string _schema = PrivatePostgres.NewSchemaName("catalog");
    private readonly string _journalSchema = PrivatePostgres.NewSchemaName("journal");
    private readonly List<ActorSystem> _systems = [];
    private NpgsqlDataSource _dataSource = null!;
    private MachineCatalog _catalog = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await new LeaseStore(_dataSource, new LeaseOptions { Schema = _schema }).EnsureSchemaAsync();
        _catalog = new MachineCatalog(_dataSource, _schema);
        await _catalog.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        }
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task The_catalog_lists_the_machines_and_no_index_stream_is_written()
    {
        var one = await StartStore();
        var other = await StartStore();
        var config = Config("printer", "station");

        await one.Add(config);
        await one.Update(config with { Placement = "station-b", Name = "printer-b" });

        var entry = Assert.Single(await _catalog.ReadAllAsync());
        Assert.Equal((config.Id.ToString("D"), "station-b"), (entry.MachineId, entry.Placement));
        Assert.Equal(["printer-b"], (await other.LoadAll()).Select(c => c.Name));
        await one.Remove(config.Id);
        Assert.Empty(await _catalog.ReadAllAsync());
        Assert.Empty(await other.LoadAll());
        Assert.Equal(0L, await postgres.ScalarAsync<long>($"SELECT count(*) FROM {_journalSchema}.journal WHERE persistence_id = '{MachineIndexActor.Id}'"));
    }

    [Fact]
    public async Task A_fresh_load_sees_what_another_node_wrote_since_this_node_read_the_machine_and_writes_after_it()
    {
        var first = await StartStore();
        var second = await StartStore();
        var config = Config("printer", "station");
        await first.Add(config);
        Assert.Equal("one", await second.GetSetting(config.Id, SettingConfigType.Machine, "LOCATION"));

        await first.SetSetting(config.Id, SettingConfigType.Machine, "LOCATION", "two");
        await first.Forget(config.Id);

        // What the second node read before is what it keeps; a fresh load drops it and reads the journal.
        Assert.Equal("one", await second.GetSetting(config.Id, SettingConfigType.Machine, "LOCATION"));
        var loaded = await second.LoadFresh(config.Id);
        Assert.Equal("two", loaded!.Config.MachineSettings["LOCATION"]);
        await second.SetSetting(config.Id, SettingConfigType.Machine, "LOCATION", "three");
        Assert.Equal("three", (await first.LoadFresh(config.Id))!.Config.MachineSettings["LOCATION"]);
        Assert.Null(await first.LoadFresh(Guid.NewGuid()));
    }

    private static MachineConfig Config(string name, string placement) =>
        new MachineConfig
        {
            Id = Guid.NewGuid(),
            Name = name,
            MachineTypeSlug = "label-printer",
            DriverSlug = "virtual-label-printer",
            Placement = placement,
        }.WithSetting(SettingConfigType.Machine, "LOCATION", "one");

    private async Task<JournalMachineConfigStore> StartStore()
    {
        var system = ActorSystem.Create("node", new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Off });
        _systems.Add(system);
        var options = new PostgreSqlStoreOptions { ConnectionString = postgres.ConnectionString, SchemaName = _journalSchema };
        await PersistenceExtension.StartAsync(system, new PostgreSqlJournal(options, JournalNode.Serializer()), new PostgreSqlSnapshotStore(options, JournalNode.Serializer()));
        return new JournalMachineConfigStore(system, _catalog);
    }
}
