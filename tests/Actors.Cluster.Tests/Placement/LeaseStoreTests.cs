using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

[Collection(ClusterPostgresCollection.Name)]
public sealed class LeaseStoreTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private readonly string _schema = PrivatePostgres.NewSchemaName("leases");
    private NpgsqlDataSource? _dataSource;
    private LeaseStore? _store;

    private LeaseStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        _store = new LeaseStore(_dataSource, new LeaseOptions { Schema = _schema });
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Of_20_concurrent_acquirers_of_one_machine_exactly_one_wins()
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return (Owner: $"node-{i}", Granted: await Store.TryAcquireAsync($"node-{i}", 1, ["contended"], Long));
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r.Granted.Count > 0).ToList();
        var winner = Assert.Single(winners);
        var lease = Assert.Single(winner.Granted);
        Assert.Equal(new { MachineId = "contended", Owner = winner.Owner, Epoch = 1L }, new { lease.MachineId, Owner = lease.OwnerNode, lease.Epoch });
        var row = Assert.Single(await Store.ReadAllAsync());
        Assert.Equal(lease, row);
    }

    [Fact]
    public async Task Concurrent_batches_over_overlapping_machines_grant_each_machine_once_without_deadlocks()
    {
        var machines = Enumerable.Range(0, 200).Select(i => $"m-{i:000}").ToArray();
        var attempts = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => Store.TryAcquireAsync($"node-{i}", 1,
                [.. (i % 2 == 0 ? machines : machines.Reverse()).Where((_, n) => n % (i + 1) != 1)], Long)))
            .ToList();
        var results = await Task.WhenAll(attempts);

        var granted = results.SelectMany(r => r).ToList();
        Assert.Equal(granted.Count, granted.Select(l => l.MachineId).Distinct().Count());
        Assert.Equal(machines.Length, (await Store.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task The_same_holder_reacquires_at_the_same_epoch_and_others_are_refused()
    {
        var first = Assert.Single(await Store.TryAcquireAsync("a", 1, ["m"], Long));
        var again = Assert.Single(await Store.TryAcquireAsync("a", 1, ["m", "m"], Long));

        Assert.Equal(1, again.Epoch);
        Assert.True(again.ExpiresAt >= first.ExpiresAt);
        Assert.Empty(await Store.TryAcquireAsync("b", 1, ["m"], Long));
        Assert.Equal(("a", 1L), (Assert.Single(await Store.ReadAllAsync()).OwnerNode, Assert.Single(await Store.ReadAllAsync()).Epoch));
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_with_the_next_epoch()
    {
        Assert.Equal(1, Assert.Single(await Store.TryAcquireAsync("a", 1, ["m"], TimeSpan.FromMilliseconds(1))).Epoch);

        // The database clock decides; keep trying until it has passed the 1 ms lease (usually the first try).
        var taken = await RetryUntilGrantedAsync(() => Store.TryAcquireAsync("b", 7, ["m"], Long));

        Assert.Equal(new { OwnerNode = "b", OwnerIncarnation = 7L, Epoch = 2L }, new { taken.OwnerNode, taken.OwnerIncarnation, taken.Epoch });
        Assert.Empty(await Store.TryAcquireAsync("a", 1, ["m"], Long));
    }

    [Fact]
    public async Task A_new_incarnation_of_a_node_cannot_take_its_old_incarnations_lease_before_it_expires()
    {
        Assert.Single(await Store.TryAcquireAsync("a", 1, ["m"], Long));

        Assert.Empty(await Store.TryAcquireAsync("a", 2, ["m"], Long));
        Assert.Empty(await Store.RenewAsync("a", 2, ["m"], Long));
        Assert.Empty(await Store.ReleaseAsync("a", 2, ["m"]));

        Assert.Single(await Store.ReleaseAsync("a", 1, ["m"]));
        var taken = Assert.Single(await Store.TryAcquireAsync("a", 2, ["m"], Long));
        Assert.Equal((2L, 2L), (taken.OwnerIncarnation, taken.Epoch));
    }

    [Fact]
    public async Task A_renewal_by_a_non_holder_renews_nothing()
    {
        var lease = Assert.Single(await Store.TryAcquireAsync("a", 1, ["m"], TimeSpan.FromSeconds(30)));

        Assert.Empty(await Store.RenewAsync("b", 1, ["m"], TimeSpan.FromMinutes(10)));
        Assert.Empty(await Store.RenewAsync("a", 1, ["unknown"], TimeSpan.FromMinutes(10)));

        Assert.Equal(lease, Assert.Single(await Store.ReadAllAsync()));
    }

    [Fact]
    public async Task Renewal_extends_on_the_database_clock_and_skips_expired_leases()
    {
        var dbNow = await postgres.ScalarAsync<DateTime>("SELECT now()");
        Assert.Single(await Store.TryAcquireAsync("a", 1, ["kept"], TimeSpan.FromSeconds(30)));
        Assert.Single(await Store.TryAcquireAsync("a", 1, ["gone"], TimeSpan.FromMilliseconds(1)));
        await RetryUntilAsync(async () => await postgres.ScalarAsync<bool>($"SELECT bool_and(expires_at <= now()) FROM {_schema}.machine_leases WHERE machine_id = 'gone'"));

        var renewed = await Store.RenewAsync("a", 1, ["kept", "gone"], TimeSpan.FromHours(1));

        Assert.Equal(["kept"], renewed);
        var kept = (await Store.ReadAllAsync()).Single(l => l.MachineId == "kept");
        Assert.InRange(kept.ExpiresAt - new DateTimeOffset(dbNow), TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task A_release_ends_the_lease_at_once_and_keeps_the_epoch()
    {
        Assert.Equal(2, (await Store.TryAcquireAsync("a", 1, ["m", "other"], Long)).Count);

        Assert.Equal(["m"], await Store.ReleaseAsync("a", 1, ["m", "never-held"]));

        var released = (await Store.ReadAllAsync()).Single(l => l.MachineId == "m");
        Assert.Equal(1, released.Epoch);
        Assert.True(await postgres.ScalarAsync<bool>($"SELECT expires_at <= now() FROM {_schema}.machine_leases WHERE machine_id = 'm'"));
        Assert.Empty(await Store.RenewAsync("a", 1, ["m"], Long));
        var taken = Assert.Single(await Store.TryAcquireAsync("b", 1, ["m"], Long));
        Assert.Equal(2, taken.Epoch);
        // The same holder takes back its own released lease at the same epoch when nobody else took it.
        Assert.Single(await Store.ReleaseAsync("a", 1, ["other"]));
        Assert.Equal(1, Assert.Single(await Store.TryAcquireAsync("a", 1, ["other"], Long)).Epoch);
    }

    [Fact]
    public async Task A_thousand_machines_are_acquired_and_renewed_in_one_statement_each()
    {
        var machines = Enumerable.Range(0, 1000).Select(i => $"bulk-{i}").ToArray();

        Assert.Equal(1000, (await Store.TryAcquireAsync("a", 1, machines, Long)).Count);
        Assert.Equal(1000, (await Store.RenewAsync("a", 1, machines, Long)).Count);

        // Every row one statement touches carries that transaction's id in xmin.
        Assert.Equal(1L, await postgres.ScalarAsync<long>($"SELECT count(DISTINCT xmin::text) FROM {_schema}.machine_leases"));
        Assert.Equal(1000, (await Store.ReleaseAsync("a", 1, machines)).Count);
    }

    [Fact]
    public async Task The_schema_is_created_once_when_nodes_start_together()
    {
        var schema = PrivatePostgres.NewSchemaName("leases_race");
        var options = new LeaseOptions { Schema = schema };

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new LeaseStore(_dataSource!, options).EnsureSchemaAsync())));
        await new LeaseStore(_dataSource!, options).EnsureSchemaAsync();

        Assert.Equal(1L, await postgres.ScalarAsync<long>(
            $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name = 'machine_leases'"));
    }

    [Fact]
    public void Options_refuse_timings_that_cannot_fence_and_unsafe_schema_names()
    {
        new LeaseOptions().Validate();
        Assert.Throws<ArgumentException>(() => new LeaseOptions { RenewInterval = TimeSpan.FromSeconds(2), SafetyMargin = TimeSpan.FromSeconds(3) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeaseOptions { SafetyMargin = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentException>(() => new LeaseOptions { Schema = "x\"; DROP TABLE y; --" }.Validate());
        Assert.Throws<ArgumentException>(() => new LeaseStore(_dataSource!, new LeaseOptions { Schema = "Upper" }));
    }

    private static async Task<MachineLease> RetryUntilGrantedAsync(Func<Task<IReadOnlyList<MachineLease>>> acquire)
    {
        MachineLease? lease = null;
        await RetryUntilAsync(async () => (lease = (await acquire()).SingleOrDefault()) is not null);
        return lease!;
    }

    private static async Task RetryUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 5 s.");
            }
            await Task.Delay(10);
        }
    }
}
