using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Actors.TestKit;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

/// <summary>
/// Keepers against the real PostgreSQL store. The keepers' clock is manual; the database clock is real, so
/// a test waits for the database (AwaitAssert on rows or messages) but never sleeps for correctness.
/// </summary>
[Collection(ClusterPostgresCollection.Name)]
public sealed class LeaseKeeperTests(PrivatePostgres postgres) : TestKit.TestKit(manualTime: true), IAsyncLifetime
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly string _schema = PrivatePostgres.NewSchemaName("keeper");
    private NpgsqlDataSource? _dataSource;
    private LeaseStore? _store;

    private LeaseStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    private LeaseOptions Options => new() { Schema = _schema };

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        _store = new LeaseStore(_dataSource, Options);
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private IActorRef StartKeeper(string owner, LeaseOptions? options = null) =>
        Sys.ActorOf(LeaseKeeper.Props(Store, owner, 1, options ?? Options));

    private MachineLease Row(string machineId) => Store.ReadAllAsync().GetAwaiter().GetResult().Single(l => l.MachineId == machineId);

    private bool Live(string machineId) =>
        postgres.ScalarAsync<bool>($"SELECT expires_at > now() FROM {_schema}.machine_leases WHERE machine_id = '{machineId}'").GetAwaiter().GetResult();

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private HeldLeases Held(IActorRef keeper)
    {
        keeper.Tell(GetHeldLeases.Instance, TestActor);
        return ExpectMsg<HeldLeases>();
    }

    /// <summary>Moves the keepers' clock one step and waits until the database shows the holder's renewal.</summary>
    private void AdvanceAndAwaitRenewal(string machineId, TimeSpan step)
    {
        var before = Row(machineId).ExpiresAt;
        Time.Advance(step);
        AwaitAssert(() => Assert.True(Row(machineId).ExpiresAt > before, "The lease was not renewed."));
    }

    [Fact]
    public void A_lease_is_granted_and_renewed_on_every_interval()
    {
        var keeper = StartKeeper("a");

        keeper.Tell(new AcquireLease("m", TestActor));

        ExpectMsg(new LeaseGranted("m", 1));
        var granted = Row("m");
        Assert.Equal(("a", 1L, 1L), (granted.OwnerNode, granted.OwnerIncarnation, granted.Epoch));
        // Six renewals: past the 4 s fencing window, so the lease lives on renewals alone.
        for (var renewal = 0; renewal < 6; renewal++)
        {
            AdvanceAndAwaitRenewal("m", Second);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(new Dictionary<string, long> { ["m"] = 1 }, Held(keeper).EpochByMachine);
        Assert.Equal(1, Row("m").Epoch);
    }

    [Fact]
    public void A_second_keeper_gets_a_lease_only_after_the_holder_stops_renewing_and_the_row_expires()
    {
        // Short leases, as the database clock is real: the row expires within 2 s after the holder stops.
        var options = Options with { Duration = 2 * Second, RenewInterval = Second / 2, SafetyMargin = Second / 2 };
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var holder = StartKeeper("a", options);
        holder.Tell(new AcquireLease("m", first.Ref));
        first.ExpectMsg(new LeaseGranted("m", 1));
        var challenger = StartKeeper("b", options);
        challenger.Tell(new AcquireLease("m", second.Ref));

        for (var step = 0; step < 4; step++)
        {
            // The holder renews while the challenger retries on the same ticks.
            AdvanceAndAwaitRenewal("m", Second / 2);
        }
        second.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal("a", Row("m").OwnerNode);

        Watch(holder);
        Sys.Stop(holder);
        ExpectTerminated(holder);
        first.ExpectMsg(new LeaseLost("m", 1));

        AwaitAssert(() =>
        {
            Time.Advance(Second / 2);
            second.ExpectMsg(new LeaseGranted("m", 2), TimeSpan.FromMilliseconds(250));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(("b", 2L), (Row("m").OwnerNode, Row("m").Epoch));
    }

    [Fact]
    public void A_released_lease_goes_to_the_next_keeper_at_once_with_the_next_epoch()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var holder = StartKeeper("a");
        holder.Tell(new AcquireLease("m", first.Ref));
        first.ExpectMsg(new LeaseGranted("m", 1));
        var challenger = StartKeeper("b");
        challenger.Tell(new AcquireLease("m", second.Ref));
        second.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        holder.Tell(new ReleaseLease("m"));
        AwaitAssert(() => Assert.False(Live("m")));
        Time.Advance(Second);

        second.ExpectMsg(new LeaseGranted("m", 2));
        Assert.Empty(Held(holder).EpochByMachine);
        Time.Advance(10 * Second);
        first.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_lease_taken_from_the_holder_in_the_database_is_lost_at_the_next_renewal()
    {
        var keeper = StartKeeper("a");
        keeper.Tell(new AcquireLease("m", TestActor));
        ExpectMsg(new LeaseGranted("m", 1));

        await ExecuteAsync($"UPDATE {_schema}.machine_leases SET owner_node = 'thief', epoch = epoch + 1 WHERE machine_id = 'm'");
        Time.Advance(Second);

        ExpectMsg(new LeaseLost("m", 1));
        Assert.Empty(Held(keeper).EpochByMachine);
        Assert.Equal(("thief", 2L), (Row("m").OwnerNode, Row("m").Epoch));
    }

    [Fact]
    public async Task When_the_database_fails_the_holder_gives_up_at_the_fencing_deadline_and_not_earlier()
    {
        var keeper = StartKeeper("a");
        keeper.Tell(new AcquireLease("m", TestActor));
        ExpectMsg(new LeaseGranted("m", 1));

        await ExecuteAsync($"DROP TABLE {_schema}.machine_leases");
        Time.Advance(Second);
        Time.Advance(Second);
        Time.Advance(2 * Second - Millisecond);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(Held(keeper).EpochByMachine);

        Time.Advance(Millisecond);

        ExpectMsg(new LeaseLost("m", 1));
        Assert.Empty(Held(keeper).EpochByMachine);
    }

    [Fact]
    public async Task ReleaseAll_ends_every_lease_in_the_database_before_it_answers()
    {
        var keeper = StartKeeper("a");
        keeper.Tell(new AcquireLease("m", TestActor));
        keeper.Tell(new AcquireLease("n", TestActor));
        var granted = ReceiveN(2);
        Assert.Equal([new LeaseGranted("m", 1), new LeaseGranted("n", 1)], granted.Cast<LeaseGranted>().OrderBy(g => g.MachineId, StringComparer.Ordinal));

        keeper.Tell(ReleaseAll.Instance, TestActor);

        ExpectMsg(LeasesReleased.Instance);
        Assert.False(Live("m"));
        Assert.False(Live("n"));
        Assert.Equal([1L, 1L], (await Store.ReadAllAsync()).Select(l => l.Epoch));
        Time.Advance(10 * Second);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
