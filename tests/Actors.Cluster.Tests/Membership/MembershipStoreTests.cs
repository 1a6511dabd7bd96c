using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>The membership table: joins, heartbeats and status changes are compare-and-swaps that raise on a lost race.</summary>
[Collection(ClusterPostgresCollection.Name)]
public sealed class MembershipStoreTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private static readonly string[] s_roles = ["frontend", "station"];
    private readonly MembershipOptions _options = new() { Schema = PrivatePostgres.NewSchemaName("members") };
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
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schema_creation_is_idempotent_when_nodes_start_at_once()
    {
        var options = new MembershipOptions { Schema = PrivatePostgres.NewSchemaName("fresh") };
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new MembershipStore(DataSource, options).EnsureSchemaAsync())));
        await new MembershipStore(DataSource, options).EnsureSchemaAsync();

        Assert.Equal(1L, await postgres.ScalarAsync<long>(
            $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{options.Schema}' AND table_name = 'members'"));
        Assert.Equal(1L, await postgres.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '{options.Schema}' AND p.proname = 'change_member'"));
        var member = await new MembershipStore(DataSource, options).JoinAsync("a", "ws://a/cluster", s_roles);
        Assert.Equal(1, member.Incarnation);
    }

    [Fact]
    public async Task A_first_join_inserts_incarnation_1_joining_with_heartbeat_0()
    {
        var member = await Store.JoinAsync("node-a", "ws://127.0.0.1:7001/cluster", s_roles);

        Assert.Equal("node-a", member.NodeName);
        Assert.Equal("ws://127.0.0.1:7001/cluster", member.Address);
        Assert.Equal(s_roles, member.Roles);
        Assert.Equal(1, member.Incarnation);
        Assert.Equal(MemberStatus.Joining, member.Status);
        Assert.Equal(0, member.Heartbeat);
        Assert.Equal(1, member.Version);
        Assert.True(member.HasRole("station"));
        Assert.False(member.HasRole("Station"));
        Assert.Equal([member], await Store.ReadAllAsync());
    }

    [Fact]
    public async Task A_join_of_a_known_name_gives_the_next_incarnation_and_resets_the_row()
    {
        var first = await Store.JoinAsync("node-a", "ws://old/cluster", s_roles);
        var up = await Store.SetStatusAsync(first, MemberStatus.Up);
        var beaten = await Store.HeartbeatAsync(up);

        var second = await Store.JoinAsync("node-a", "ws://new/cluster", ["printer"]);

        Assert.Equal(2, second.Incarnation);
        Assert.Equal(MemberStatus.Joining, second.Status);
        Assert.Equal(0, second.Heartbeat);
        Assert.Equal("ws://new/cluster", second.Address);
        Assert.Equal(["printer"], second.Roles);
        Assert.Equal(beaten.Version + 1, second.Version);
        var third = await Store.JoinAsync("node-a", "ws://new/cluster", ["printer"]);
        Assert.Equal(3, third.Incarnation);
    }

    [Fact]
    public async Task A_heartbeat_increments_the_counter_and_stamps_it_with_the_database_clock()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var databaseNow = await postgres.ScalarAsync<DateTime>("SELECT now()");

        var first = await Store.HeartbeatAsync(joined);
        var second = await Store.HeartbeatAsync(first);

        Assert.Equal((1L, 2L), (first.Heartbeat, first.Version));
        Assert.Equal((2L, 3L), (second.Heartbeat, second.Version));
        Assert.True(first.LastHeartbeat >= new DateTimeOffset(databaseNow, TimeSpan.Zero));
        Assert.True(second.LastHeartbeat >= first.LastHeartbeat);
        Assert.Equal(MemberStatus.Joining, second.Status);
        Assert.Equal(second, Assert.Single(await Store.ReadAllAsync()));
    }

    [Fact]
    public async Task A_heartbeat_with_a_stale_version_raises_a_conflict_and_writes_nothing()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var current = await Store.HeartbeatAsync(joined);

        var conflict = await Assert.ThrowsAsync<MembershipConflictException>(() => Store.HeartbeatAsync(joined));

        Assert.IsNotType<MemberDownedException>(conflict);
        Assert.Equal("node-a", conflict.NodeName);
        Assert.Equal(MembershipStore.ConflictState, Assert.IsType<PostgresException>(conflict.InnerException).SqlState);
        Assert.Equal(current, Assert.Single(await Store.ReadAllAsync()));
    }

    [Fact]
    public async Task A_heartbeat_of_a_downed_or_superseded_incarnation_says_it_was_downed()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var up = await Store.SetStatusAsync(joined, MemberStatus.Up);
        var down = await Store.SetStatusAsync(up, MemberStatus.Down);

        // With the current version too: a Down row takes no heartbeats.
        var downed = await Assert.ThrowsAsync<MemberDownedException>(() => Store.HeartbeatAsync(down));
        Assert.Equal(MembershipStore.DownedState, Assert.IsType<PostgresException>(downed.InnerException).SqlState);
        await Assert.ThrowsAsync<MemberDownedException>(() => Store.HeartbeatAsync(up));

        var restarted = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var superseded = await Assert.ThrowsAsync<MemberDownedException>(() => Store.HeartbeatAsync(up));
        Assert.Contains("incarnation 2", superseded.Message, StringComparison.Ordinal);
        Assert.Equal(restarted, Assert.Single(await Store.ReadAllAsync()));

        var unknown = joined with { NodeName = "never-joined" };
        await Assert.ThrowsAsync<MemberDownedException>(() => Store.HeartbeatAsync(unknown));
    }

    [Fact]
    public async Task A_status_change_with_a_stale_version_raises_a_conflict_and_writes_nothing()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var current = await Store.HeartbeatAsync(joined);

        var conflict = await Assert.ThrowsAsync<MembershipConflictException>(() => Store.SetStatusAsync(joined, MemberStatus.Up));

        Assert.Equal(MembershipStore.ConflictState, Assert.IsType<PostgresException>(conflict.InnerException).SqlState);
        Assert.Equal(current, Assert.Single(await Store.ReadAllAsync()));
        await Assert.ThrowsAsync<MembershipConflictException>(() => Store.SetStatusAsync(joined with { NodeName = "never-joined" }, MemberStatus.Down));
    }

    [Fact]
    public async Task Status_changes_follow_the_life_cycle()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(joined, MemberStatus.Joining));
        var up = await Store.SetStatusAsync(joined, MemberStatus.Up);
        Assert.Equal((MemberStatus.Up, joined.Version + 1), (up.Status, up.Version));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(up, MemberStatus.Up));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(up, MemberStatus.Joining));
        var leaving = await Store.SetStatusAsync(up, MemberStatus.Leaving);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(leaving, MemberStatus.Up));
        var down = await Store.SetStatusAsync(leaving, MemberStatus.Down);
        Assert.Equal(MemberStatus.Down, down.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(down, MemberStatus.Down));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetStatusAsync(down, MemberStatus.Up));
        Assert.Equal(down, Assert.Single(await Store.ReadAllAsync()));

        var other = await Store.JoinAsync("node-b", "ws://b/cluster", s_roles);
        Assert.Equal(MemberStatus.Down, (await Store.SetStatusAsync(other, MemberStatus.Down)).Status);
    }

    [Theory]
    [InlineData(MemberStatus.Down)]
    [InlineData(MemberStatus.Leaving)]
    public async Task Of_concurrent_status_changes_expecting_one_version_exactly_one_succeeds(MemberStatus status)
    {
        for (var round = 0; round < 5; round++)
        {
            var name = $"node-{round}";
            var up = await Store.SetStatusAsync(await Store.JoinAsync(name, "ws://a/cluster", s_roles), MemberStatus.Up);

            var outcomes = await RunConcurrently(8, () => Store.SetStatusAsync(up, status));

            var winner = Assert.Single(outcomes, o => o.Result is not null).Result!;
            Assert.Equal((status, up.Version + 1), (winner.Status, winner.Version));
            Assert.All(outcomes.Where(o => o.Result is null), o => Assert.IsType<MembershipConflictException>(o.Error));
            Assert.Equal(winner, (await Store.ReadAllAsync()).Single(m => m.NodeName == name));
        }
    }

    [Fact]
    public async Task Of_concurrent_heartbeats_expecting_one_version_exactly_one_succeeds()
    {
        var self = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        for (var round = 0; round < 5; round++)
        {
            var outcomes = await RunConcurrently(8, () => Store.HeartbeatAsync(self));

            var winner = Assert.Single(outcomes, o => o.Result is not null).Result!;
            Assert.Equal(self.Heartbeat + 1, winner.Heartbeat);
            Assert.All(outcomes.Where(o => o.Result is null), o => Assert.IsType<MembershipConflictException>(o.Error));
            self = winner;
        }
        Assert.Equal(5, Assert.Single(await Store.ReadAllAsync()).Heartbeat);
    }

    [Fact]
    public async Task Of_two_joins_that_race_for_one_row_one_wins_and_the_other_gets_a_conflict()
    {
        var first = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);

        // Hold the row so both joins read version 1 and then queue on its lock; the first to get the
        // lock writes version 2, and the other finds the version changed.
        await using var blocker = await DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM \"{_options.Schema}\".members WHERE node_name = 'node-a' FOR UPDATE", blocker, transaction))
        {
            await lockRow.ExecuteNonQueryAsync();
        }
        var joins = new[]
        {
            Task.Run(() => Store.JoinAsync("node-a", "ws://a1/cluster", s_roles)),
            Task.Run(() => Store.JoinAsync("node-a", "ws://a2/cluster", s_roles)),
        };
        await LockWaiters.WaitAsync(postgres, _options.Schema, 2, () => joins.Any(join => join.IsCompleted));
        await transaction.CommitAsync();
        var outcomes = await Outcomes(joins);

        var winner = Assert.Single(outcomes, o => o.Result is not null).Result!;
        Assert.Equal((first.Incarnation + 1, first.Version + 1), (winner.Incarnation, winner.Version));
        Assert.IsType<MembershipConflictException>(Assert.Single(outcomes, o => o.Result is null).Error);
        Assert.Equal(winner, Assert.Single(await Store.ReadAllAsync()));
    }

    [Fact]
    public async Task Concurrent_joins_never_give_two_winners_the_same_incarnation()
    {
        for (var round = 0; round < 5; round++)
        {
            var name = $"node-{round}";
            var outcomes = await RunConcurrently(6, () => Store.JoinAsync(name, "ws://a/cluster", s_roles));

            var winners = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
            Assert.NotEmpty(winners);
            Assert.Equal(winners.Count, winners.Select(w => w.Incarnation).Distinct().Count());
            Assert.All(outcomes.Where(o => o.Result is null), o => Assert.IsType<MembershipConflictException>(o.Error));
            var row = (await Store.ReadAllAsync()).Single(m => m.NodeName == name);
            Assert.Equal(winners.Count, row.Incarnation);
            Assert.Equal(winners.MaxBy(w => w.Incarnation), row);
        }
    }

    [Fact]
    public async Task The_function_itself_refuses_a_stale_version()
    {
        var joined = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        await Store.HeartbeatAsync(joined);

        var error = await Assert.ThrowsAsync<PostgresException>(() => postgres.ScalarAsync<object>(
            $"SELECT version FROM \"{_options.Schema}\".change_member('status', 'node-a', p_expected_version => {joined.Version}, p_status => 'Down')"));

        Assert.Equal(MembershipStore.ConflictState, error.SqlState);
        Assert.Equal("Joining", await postgres.ScalarAsync<string>($"SELECT status FROM \"{_options.Schema}\".members"));
    }

    [Fact]
    public async Task Read_all_returns_every_row_by_name_down_ones_included()
    {
        var b = await Store.JoinAsync("node-b", "ws://b/cluster", []);
        var a = await Store.JoinAsync("node-a", "ws://a/cluster", s_roles);
        var bDown = await Store.SetStatusAsync(b, MemberStatus.Down);

        Assert.Equal([a, bDown], await Store.ReadAllAsync());
        Assert.Empty(bDown.Roles);
    }

    private static async Task<List<(Member? Result, Exception? Error)>> RunConcurrently(int count, Func<Task<Member>> operation)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return operation();
        })).ToList();
        start.Set();
        return await Outcomes(tasks);
    }

    private static async Task<List<(Member? Result, Exception? Error)>> Outcomes(IEnumerable<Task<Member>> tasks)
    {
        var outcomes = new List<(Member?, Exception?)>();
        foreach (var task in tasks)
        {
            try
            {
                outcomes.Add((await task, null));
            }
            catch (Exception error)
            {
                outcomes.Add((null, error));
            }
        }
        return outcomes;
    }
}
