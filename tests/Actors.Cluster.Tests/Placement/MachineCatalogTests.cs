using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

[Collection(ClusterPostgresCollection.Name)]
public sealed class MachineCatalogTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private readonly string _schema = PrivatePostgres.NewSchemaName("catalog");
    private NpgsqlDataSource _dataSource = null!;
    private MachineCatalog _catalog = null!;
    private LeaseStore _leases = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        _leases = new LeaseStore(_dataSource, new LeaseOptions { Schema = _schema });
        await _leases.EnsureSchemaAsync();
        _catalog = new MachineCatalog(_dataSource, _schema);
        await _catalog.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Machines_are_listed_with_their_placement_and_lease_holder()
    {
        await _catalog.SetPlacementAsync("m-1", "station-b");
        await _catalog.SetPlacementAsync("m-2", "station");
        await _catalog.SetPlacementAsync("m-3", "  ");
        await _leases.TryAcquireAsync("station-a", 4, ["m-2"], TimeSpan.FromMinutes(1));

        var entries = await _catalog.ReadAllAsync();

        Assert.Equal(
            [
                new CatalogEntry("m-1", "station-b", null, null, null, true),
                new CatalogEntry("m-2", "station", "station-a", 4, 1, false),
                new CatalogEntry("m-3", null, null, null, null, true),
            ],
            entries);
    }

    [Fact]
    public async Task Placement_changes_and_removal_touch_one_row()
    {
        await _catalog.SetPlacementAsync("m-1", "station-b");
        await _catalog.SetPlacementAsync("m-2", "station-b");

        await _catalog.SetPlacementAsync("m-1", "station");
        Assert.True(await _catalog.RemoveAsync("m-2"));
        Assert.False(await _catalog.RemoveAsync("m-2"));

        var entry = Assert.Single(await _catalog.ReadAllAsync());
        Assert.Equal(("m-1", "station"), (entry.MachineId, entry.Placement));
    }

    [Fact]
    public async Task An_expired_lease_reads_as_expired()
    {
        await _catalog.SetPlacementAsync("m-1", "station");
        await _leases.TryAcquireAsync("station-a", 1, ["m-1"], TimeSpan.FromMinutes(1));
        await _leases.ReleaseAsync("station-a", 1, ["m-1"]);

        var entry = Assert.Single(await _catalog.ReadAllAsync());

        Assert.True(entry.LeaseExpired);
        Assert.Equal("station-a", entry.OwnerNode);
    }
}
