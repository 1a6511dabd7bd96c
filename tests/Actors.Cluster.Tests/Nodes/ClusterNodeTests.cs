using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Cluster.Tests.Remote;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Nodes;

/// <summary>
/// Whole nodes in one process (transport, membership and leases on a private PostgreSQL, real clocks with short
/// intervals): they find each other through the member table alone, a crashed node's actors are reported
/// terminated and its leases move, and a node with the wrong secret never joins.
/// </summary>
[Collection(ClusterPostgresCollection.Name)]
public sealed class ClusterNodeTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private readonly string _schema = PrivatePostgres.NewSchemaName("nodes");
    private readonly List<ClusterNode> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Nodes_find_each_other_through_the_member_table_and_talk()
    {
        var frontend = await StartAsync("frontend", "frontend");
        var station = await StartAsync("station-b", "station");
        station.System.ActorOf(Props.Create<EchoActor>(), "echo");

        await Eventually.TrueAsync(() => UpNames(frontend).SetEquals(["frontend", "station-b"]) && UpNames(station).SetEquals(["frontend", "station-b"]),
            "both nodes see both Up");
        var echo = frontend.Transport.ActorRefFor(station.System.Address, "/user/echo");

        Assert.Equal(new Pong(5), await echo.Ask<Pong>(new Ping(5), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_crashed_node_is_removed_and_the_watches_of_its_actors_terminate()
    {
        var frontend = await StartAsync("frontend", "frontend");
        var station = await StartAsync("station-b", "station");
        station.System.ActorOf(Props.Create<EchoActor>(), "echo");
        var echo = frontend.Transport.ActorRefFor(station.System.Address, "/user/echo");
        Assert.Equal(new Pong(1), await echo.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(10)));
        var watcher = new TestProbe(frontend.System, "watcher");
        var events = new TestProbe(frontend.System, "events");
        frontend.System.EventStream.Subscribe<MemberEvent>(events.Ref);
        watcher.Watch(echo);

        await Crash(station);

        events.FishForMessage<MemberUnreachable>(e => e.Member.NodeName == "station-b", TimeSpan.FromSeconds(10));
        events.FishForMessage<MemberRemoved>(e => e.Member.NodeName == "station-b", TimeSpan.FromSeconds(10));
        Assert.True(watcher.ExpectTerminated(echo, TimeSpan.FromSeconds(10)).AddressTerminated);
        Assert.DoesNotContain("station-b", UpNames(frontend));
    }

    [Fact]
    public async Task A_crashed_nodes_lease_is_granted_to_another_node_only_after_it_expired()
    {
        var a = await StartAsync("station-a", "station");
        var b = await StartAsync("station-b", "station");
        var holder = new TestProbe(a.System, "holder");
        a.Leases.Tell(new AcquireLease("printer-1"), holder.Ref);
        var granted = holder.ExpectMsg<LeaseGranted>(TimeSpan.FromSeconds(10));
        var waiter = new TestProbe(b.System, "waiter");
        b.Leases.Tell(new AcquireLease("printer-1"), waiter.Ref);
        waiter.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        var crashedAt = DateTime.UtcNow;
        await Crash(a);

        var takeover = waiter.ExpectMsg<LeaseGranted>(TimeSpan.FromSeconds(10));
        Assert.Equal(granted.Epoch + 1, takeover.Epoch);
        // The row was renewed at most one renew interval before the crash, so it cannot have expired much sooner.
        Assert.True(DateTime.UtcNow - crashedAt >= Options("x").Leases.Duration - Options("x").Leases.RenewInterval - TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_graceful_leave_hands_leases_over_at_once_without_an_unreachable_phase()
    {
        var a = await StartAsync("station-a", "station");
        var b = await StartAsync("station-b", "station");
        var events = new TestProbe(b.System, "events");
        b.System.EventStream.Subscribe<MemberEvent>(events.Ref);
        var holder = new TestProbe(a.System, "holder");
        a.Leases.Tell(new AcquireLease("printer-1"), holder.Ref);
        holder.ExpectMsg<LeaseGranted>(TimeSpan.FromSeconds(10));
        var waiter = new TestProbe(b.System, "waiter");
        b.Leases.Tell(new AcquireLease("printer-1"), waiter.Ref);

        await a.LeaveAsync(TimeSpan.FromSeconds(10));

        waiter.ExpectMsg<LeaseGranted>(Options("x").Leases.Duration - TimeSpan.FromMilliseconds(200));
        var removed = events.FishForMessage<MemberEvent>(e => e.Member.NodeName == "station-a" && e is not MemberUp, TimeSpan.FromSeconds(10));
        Assert.IsType<MemberRemoved>(removed);
    }

    [Fact]
    public async Task A_node_with_the_wrong_secret_never_joins()
    {
        var station = await StartAsync("station-b", "station");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("intruder", "station", "a-different-cluster-secret-1234"));

        Assert.Contains("cluster secret differs", error.Message, StringComparison.Ordinal);
        var state = await station.StateAsync();
        Assert.DoesNotContain(state.Members, m => m.NodeName == "intruder");
    }

    private async Task<ClusterNode> StartAsync(string name, string role, string secret = RemoteNodes.Secret)
    {
        var options = Options(name) with { Roles = [role], Transport = Options(name).Transport with { Secret = secret } };
        var node = await ClusterNode.StartAsync("node", options, RemoteTestMessages.Types(),
            new ActorSystemOptions { StandardErrorLogLevel = Event.LogLevel.Off });
        _nodes.Add(node);
        return node;
    }

    private ClusterOptions Options(string name) => new()
    {
        NodeName = name,
        PostgresConnectionString = postgres.ConnectionString,
        Transport = new TransportOptions { Port = 0, Secret = RemoteNodes.Secret, ReconnectMinBackoff = TimeSpan.FromMilliseconds(20) },
        Membership = new MembershipOptions
        {
            Schema = _schema,
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            UnreachableAfter = TimeSpan.FromMilliseconds(500),
            DownAfter = TimeSpan.FromMilliseconds(1000),
        },
        Leases = new LeaseOptions
        {
            Schema = _schema,
            Duration = TimeSpan.FromMilliseconds(1500),
            RenewInterval = TimeSpan.FromMilliseconds(250),
            SafetyMargin = TimeSpan.FromMilliseconds(400),
        },
    };

    private async Task Crash(ClusterNode node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    private static HashSet<string> UpNames(ClusterNode node) =>
        [.. node.StateAsync().GetAwaiter().GetResult().Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.NodeName)];
}
