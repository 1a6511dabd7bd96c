using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Actors.TestKit;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>
/// Membership actors of several nodes (one actor system each, on its own hand-moved clock) on one
/// membership table in the private PostgreSQL. With the default options a tick is 500 ms, a member
/// is unreachable after more than 2 s and downed after more than 4 s of silence: the 5th and 9th
/// tick without a heartbeat.
/// </summary>
[Collection(ClusterPostgresCollection.Name)]
public sealed class MembershipActorTests(PrivatePostgres postgres) : Actors.TestKit.TestKit, IAsyncLifetime
{
    private readonly MembershipOptions _options = new() { Schema = PrivatePostgres.NewSchemaName("cluster") };
    private readonly List<IAsyncDisposable> _resources = [];
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialized.");

    private MembershipStore Store => new(DataSource, _options);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await Store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_resources))
        {
            await resource.DisposeAsync();
        }
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_nodes_see_each_other_up()
    {
        var a = await Start("a", roles: ["frontend"]).UpAsync();
        var b = await Start("b", roles: ["station"]).UpAsync();

        var aSeenByB = b.Expect<MemberUp>("a").Member;
        await a.TickAsync();
        var bSeenByA = a.Expect<MemberUp>("b").Member;

        Assert.Equal((MemberStatus.Up, 1L, "ws://a.test:7001/cluster"), (aSeenByB.Status, aSeenByB.Incarnation, aSeenByB.Address));
        Assert.True(bSeenByA.HasRole("station"));
        foreach (var node in new[] { a, b })
        {
            var state = await node.StateAsync();
            Assert.Equal(["a", "b"], state.Members.Select(m => m.NodeName));
            Assert.All(state.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
            Assert.Empty(state.Unreachable);
            Assert.Equal((node.Name, MemberStatus.Up), (state.Self?.NodeName, state.Self?.Status));
        }
        // Heartbeats keep both reachable.
        await Rounds(a, b, 12);
        a.ExpectNoEvents();
        b.ExpectNoEvents();
    }

    [Fact]
    public async Task A_node_whose_heartbeats_stop_is_unreachable_then_marked_down_and_removed()
    {
        var (a, b) = await UpPair();
        await Rounds(a, b, 3);
        b.Crash();

        await a.TickAsync(4);
        a.ExpectNoEvents();
        await a.TickAsync();
        Assert.Equal(MemberStatus.Up, a.Expect<MemberUnreachable>("b").Member.Status);
        Assert.Equal(["b"], (await a.StateAsync()).Unreachable);
        await a.TickAsync(3);
        a.ExpectNoEvents();
        await a.TickAsync();
        var removed = a.Expect<MemberRemoved>("b").Member;

        Assert.Equal(MemberStatus.Down, removed.Status);
        Assert.Equal(removed, await Row("b"));
        var state = await a.StateAsync();
        Assert.Equal(["a"], state.Members.Select(m => m.NodeName));
        Assert.Empty(state.Unreachable);
        Assert.Single(a.Log.WithId(MembershipLog.Ids.MarkedDown));
        await a.TickAsync(10);
        a.ExpectNoEvents();
    }

    [Fact]
    public async Task An_unreachable_node_whose_heartbeats_resume_is_reachable_again()
    {
        var (a, b) = await UpPair();
        await Rounds(a, b, 2);

        await a.TickAsync(5);   // b's actor runs but its clock stands still: no heartbeats.
        a.Expect<MemberUnreachable>("b");
        await b.TickAsync();
        await a.TickAsync();

        a.Expect<MemberReachable>("b");
        Assert.Empty((await a.StateAsync()).Unreachable);
        await Rounds(a, b, 10);
        a.ExpectNoEvents();
        Assert.Equal(MemberStatus.Up, (await Row("b")).Status);
    }

    [Fact]
    public async Task Of_two_nodes_that_see_a_third_go_silent_one_marks_it_down_and_both_remove_it()
    {
        var (a, b) = await UpPair();
        var c = await Start("c").UpAsync();
        await Rounds(a, b, 1);
        await c.TickAsync();
        await Rounds(a, b, 1);
        a.Expect<MemberUp>("c");
        b.Expect<MemberUp>("c");
        c.Crash();

        await Rounds(a, b, 9);

        foreach (var node in new[] { a, b })
        {
            node.Expect<MemberUnreachable>("c");
            Assert.Equal(MemberStatus.Down, node.Expect<MemberRemoved>("c").Member.Status);
        }
        // b ticks first in each round, so it marks c down; a finds the row Down before it tries.
        Assert.Single(b.Log.WithId(MembershipLog.Ids.MarkedDown));
        Assert.Empty(a.Log.WithId(MembershipLog.Ids.MarkedDown));
    }

    [Fact]
    public async Task Losing_the_race_to_mark_a_node_down_is_fine()
    {
        var (a, b) = await UpPair();
        await Rounds(a, b, 2);
        b.Crash();
        await a.TickAsync(8);
        a.Expect<MemberUnreachable>("b");

        // The 9th tick marks b down. Hold b's row so that write queues behind the lock, let another
        // writer down b meanwhile, and release: a's compare-and-swap finds the version changed.
        await using var other = await DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await Execute(other, $"SELECT 1 FROM \"{_options.Schema}\".members WHERE node_name = 'b' FOR UPDATE");
        a.Time.Advance(_options.HeartbeatInterval);
        await LockWaiters.WaitAsync(postgres, _options.Schema, 1);
        await Execute(other, $"UPDATE \"{_options.Schema}\".members SET status = 'Down', version = version + 1 WHERE node_name = 'b'");
        await transaction.CommitAsync();
        await a.StateAsync();

        Assert.Single(a.Log.WithId(MembershipLog.Ids.LostDowningRace));
        Assert.Empty(a.Log.WithId(MembershipLog.Ids.MarkedDown));
        a.ExpectNoEvents();
        await a.TickAsync();
        Assert.Equal(MemberStatus.Down, a.Expect<MemberRemoved>("b").Member.Status);
        a.ExpectNoEvents();
    }

    [Fact]
    public async Task A_restarted_node_rejoins_with_the_next_incarnation_and_is_seen_up_again()
    {
        var (a, b) = await UpPair();
        await Rounds(a, b, 2);
        b.Crash();
        await b.DisposeAsync();

        var restarted = await Start("b").UpAsync();
        restarted.Expect<MemberUp>("a");
        await a.TickAsync();

        var removed = a.Expect<MemberRemoved>("b").Member;
        var up = a.Expect<MemberUp>("b").Member;
        Assert.Equal((1L, 2L), (removed.Incarnation, up.Incarnation));
        Assert.Equal(2L, (await restarted.StateAsync()).Self?.Incarnation);
        await Rounds(a, restarted, 10);
        a.ExpectNoEvents();
    }

    [Fact]
    public async Task A_graceful_leave_removes_the_node_at_once_without_an_unreachable_phase()
    {
        var (a, b) = await UpPair();
        await Rounds(a, b, 2);

        await b.Actor.Ask<LeftCluster>(Leave.Instance, TimeSpan.FromDays(1)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(MemberStatus.Down, (await Row("b")).Status);
        Assert.Equal(MemberStatus.Down, b.Expect<MemberRemoved>("b").Member.Status);
        Assert.Equal(MemberStatus.Down, (await b.StateAsync()).Self?.Status);
        await a.TickAsync();
        Assert.Equal(MemberStatus.Down, a.Expect<MemberRemoved>("b").Member.Status);
        await a.TickAsync(12);
        a.ExpectNoEvents();
        // b no longer heartbeats, and a second Leave is answered at once.
        var heartbeat = (await Row("b")).Heartbeat;
        await b.TickAsync(3);
        Assert.Equal(heartbeat, (await Row("b")).Heartbeat);
        await b.Actor.Ask<LeftCluster>(Leave.Instance, TimeSpan.FromDays(1)).WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_node_that_cannot_reach_the_database_keeps_running_and_downs_nobody()
    {
        var proxy = Proxy();
        var a = await Start("a", ProxiedStore(proxy)).UpAsync();
        var b = await Start("b").UpAsync();
        b.Expect<MemberUp>("a");
        await a.TickAsync();
        a.Expect<MemberUp>("b");
        await Rounds(a, b, 2);
        b.Crash();
        proxy.Cut();

        await a.TickAsync(12);   // 6 s: b's silence would be far past DownAfter.

        a.ExpectNoEvents();
        var state = await a.StateAsync();
        Assert.Empty(state.Unreachable);
        Assert.Equal(["a", "b"], state.Members.Select(m => m.NodeName));
        Assert.Equal(MemberStatus.Up, (await Row("b")).Status);
        Assert.Single(a.Log.WithId(MembershipLog.Ids.TickFailed));
        Assert.Equal(11, a.Log.WithId(MembershipLog.Ids.TickFailedAgain).Count);

        // Back on the database, a judges b only on the silence it sees from now on.
        proxy.Restore();
        await a.TickAsync(5);
        a.ExpectNoEvents();
        Assert.Single(a.Log.WithId(MembershipLog.Ids.DatabaseBack));
        await a.TickAsync();
        a.Expect<MemberUnreachable>("b");
        await a.TickAsync(4);
        a.Expect<MemberRemoved>("b");
        Assert.Equal(MemberStatus.Down, (await Row("b")).Status);
    }

    [Fact]
    public async Task A_node_marked_down_by_another_publishes_SelfDowned_and_stops_heartbeating()
    {
        var a = await Start("a").UpAsync();
        await a.TickAsync();
        await Store.SetStatusAsync(await Row("a"), MemberStatus.Down);

        await a.TickAsync();

        Assert.Equal(MemberStatus.Down, a.Expect<MemberRemoved>("a").Member.Status);
        var downed = a.Expect<SelfDowned>("a").Member;
        Assert.Equal((MemberStatus.Down, 1L), (downed.Status, downed.Incarnation));
        Assert.Single(a.Log.WithId(MembershipLog.Ids.SelfDowned));
        var row = await Row("a");
        await a.TickAsync(5);
        Assert.Equal(row, await Row("a"));
        a.ExpectNoEvents();
        Assert.Equal(MemberStatus.Down, (await a.StateAsync()).Self?.Status);
    }

    [Fact]
    public async Task A_node_replaced_by_a_newer_incarnation_of_its_name_publishes_SelfDowned()
    {
        var a = await Start("a").UpAsync();
        var newer = await Store.JoinAsync("a", "ws://elsewhere/cluster", []);

        await a.TickAsync();

        Assert.Equal(1L, a.Expect<MemberRemoved>("a").Member.Incarnation);
        Assert.Equal(1L, a.Expect<SelfDowned>("a").Member.Incarnation);
        await a.TickAsync(3);
        Assert.Equal(newer, await Row("a"));
    }

    [Fact]
    public async Task Joining_is_retried_with_a_growing_backoff_until_the_database_answers()
    {
        var proxy = Proxy();
        proxy.Cut();
        var a = Start("a", ProxiedStore(proxy));

        AwaitCondition(() => a.Log.WithId(MembershipLog.Ids.JoinFailed).Count == 1, TimeSpan.FromSeconds(15));
        var first = await a.StateAsync();
        Assert.Null(first.Self);
        Assert.Empty(first.Members);
        a.Time.Advance(TimeSpan.FromMilliseconds(200));
        AwaitCondition(() => a.Log.WithId(MembershipLog.Ids.JoinFailed).Count == 2, TimeSpan.FromSeconds(15));
        a.Time.Advance(TimeSpan.FromMilliseconds(399));
        await a.StateAsync();
        Assert.Equal(2, a.Log.WithId(MembershipLog.Ids.JoinFailed).Count);
        proxy.Restore();
        a.Time.Advance(TimeSpan.FromMilliseconds(1));
        await a.UpAsync();

        Assert.Equal(
            [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)],
            a.Log.WithId(MembershipLog.Ids.JoinFailed).Select(entry => (TimeSpan)entry.Values["Delay"]!));
        Assert.Equal((MemberStatus.Up, 1L), ((await Row("a")).Status, (await Row("a")).Incarnation));
    }

    [Fact]
    public async Task A_leave_that_cannot_reach_the_database_is_retried_and_answered_when_done()
    {
        var proxy = Proxy();
        var a = await Start("a", ProxiedStore(proxy)).UpAsync();
        var b = await Start("b").UpAsync();
        b.Expect<MemberUp>("a");
        await Rounds(b, a, 2);
        var requester = CreateTestProbe();
        proxy.Cut();

        requester.Send(a.Actor, Leave.Instance);
        AwaitCondition(() => a.Log.WithId(MembershipLog.Ids.LeaveFailed).Count == 1, TimeSpan.FromSeconds(15));
        await a.StateAsync();
        Assert.False(requester.HasMessages);
        proxy.Restore();
        a.Time.Advance(TimeSpan.FromMilliseconds(200));

        requester.ExpectMsg<LeftCluster>(TimeSpan.FromSeconds(15));
        Assert.Equal(MemberStatus.Down, (await Row("a")).Status);
        await b.TickAsync();
        b.Expect<MemberRemoved>("a");
        b.ExpectNoEvents();
    }

    [Fact]
    public async Task On_the_real_clock_nodes_see_each_other_up_and_remove_a_crashed_one()
    {
        var fast = _options with
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            UnreachableAfter = TimeSpan.FromMilliseconds(600),
            DownAfter = TimeSpan.FromMilliseconds(1200),
        };
        var a = await Start("a", options: fast, realClock: true).UpAsync();
        var b = await Start("b", options: fast, realClock: true).UpAsync();
        b.Expect<MemberUp>("a");
        a.Expect<MemberUp>("b");

        b.Crash();

        a.Events.FishForMessage<MemberRemoved>(e => e.Member.NodeName == "b", TestTimeouts.Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal(MemberStatus.Down, (await Row("b")).Status);
        Assert.Equal(MemberStatus.Up, (await Row("a")).Status);
    }

    private TestNode Start(string name, MembershipStore? store = null, MembershipOptions? options = null, bool realClock = false, string[]? roles = null)
    {
        var node = TestNode.Start(name, store ?? Store, options ?? _options, realClock, roles ?? []);
        _resources.Add(node);
        return node;
    }

    // a and b Up, each having seen the other Up (the events consumed).
    private async Task<(TestNode A, TestNode B)> UpPair()
    {
        var a = await Start("a").UpAsync();
        var b = await Start("b").UpAsync();
        b.Expect<MemberUp>("a");
        await a.TickAsync();
        a.Expect<MemberUp>("b");
        return (a, b);
    }

    // Each round: `second` heartbeats, then `first` (so `first` sees `second`'s counter move every tick).
    private static async Task Rounds(TestNode first, TestNode second, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            await second.TickAsync();
            await first.TickAsync();
        }
    }

    private TcpProxy Proxy()
    {
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        var proxy = new TcpProxy(server.Host!, server.Port);
        _resources.Add(proxy);
        return proxy;
    }

    private MembershipStore ProxiedStore(TcpProxy proxy)
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _resources.Add(dataSource);
        return new MembershipStore(dataSource, _options);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Member> Row(string node) => (await Store.ReadAllAsync()).Single(m => m.NodeName == node);
}
