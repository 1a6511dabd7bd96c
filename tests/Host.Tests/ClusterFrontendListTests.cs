using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Registry;
using MachineActors.Registry.Remoting;

namespace MachineActors.Host.Tests;

/// <summary>
/// The front-end lists a station whose machines do not fit one message between nodes. Before lists were paged, the
/// station's one reply was dropped as too large and the front-end listed none of its machines.
/// </summary>
public sealed class ClusterFrontendListTests(PrivatePostgres postgres) : IClassFixture<PrivatePostgres>
{
    private const string Secret = "host-tests-cluster-secret-0123456789";
    private const int Machines = 3_000;

    [Fact]
    public async Task A_station_with_more_machines_than_fit_one_message_is_listed_in_full_through_the_frontend()
    {
        var schema = PrivatePostgres.NewSchemaName("list");
        await using var frontend = new ClusterFrontendNode(postgres.ConnectionString, schema, Secret);
        using var client = frontend.ClientWithToken(NodeFactory.AdminToken);
        await using var station = await ClusterNode.StartAsync("machineactors", new ClusterOptions
        {
            NodeName = "station-x",
            Roles = ["station"],
            PostgresConnectionString = postgres.ConnectionString,
            Transport = new TransportOptions { Port = 0, Secret = Secret },
            Membership = new MembershipOptions { Schema = schema },
            Leases = new LeaseOptions { Schema = schema },
        }, RegistryRemoting.Register(new RemoteMessageTypes()));
        var all = Views(Machines);
        var pages = new PageCount();
        station.System.ActorOf(Props.Create(() => new PagingRegistry(all, pages)), "registry");
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(all).Length > new TransportOptions().MaximumPayloadSize, "the list fits one message");
        var deadline = Stopwatch.StartNew();
        while (!await StationUp(client))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the front-end never saw station-x up");
            await Task.Delay(50);
        }

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/machine/?initialized=all");

        Assert.Equal(all.Select(m => m.Id.ToString()), listed.EnumerateArray().Select(m => m.GetProperty("pk").GetString()));
        Assert.All(listed.EnumerateArray(), m => Assert.Equal("station-x", m.GetProperty("node").GetString()));
        Assert.True(pages.Value > 1, "the front-end asked for one page");
    }

    private static async Task<bool> StationUp(HttpClient client)
    {
        var nodes = await client.GetFromJsonAsync<JsonElement>("/api/cluster/nodes/");
        return nodes.EnumerateArray().Any(n => n.GetProperty("name").GetString() == "station-x" && n.GetProperty("status").GetString() == "up");
    }

    private static List<MachineView> Views(int count) => [.. Enumerable.Range(0, count).Select(i => new MachineView
    {
        Id = Guid.NewGuid(),
        Name = $"printer-{i:D5}-{new string('x', 300)}",
        MachineType = "label-printer",
        Driver = "virtual-label-printer",
        Active = true,
        Initialized = true,
    })];

    private sealed class PageCount
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }

    /// <summary>A station's registry with many machines, paging its list as the real one does (by limit only).</summary>
    private sealed class PagingRegistry : ReceiveActor
    {
        public PagingRegistry(List<MachineView> all, PageCount pages) => Receive<GetMachines>(list =>
        {
            pages.Add();
            var after = all.Where(m => list.AfterName is null || string.CompareOrdinal(m.Name, list.AfterName) > 0).ToList();
            var page = list.Limit is { } limit ? after.Take(limit).ToList() : after;
            Sender.Tell(new MachinesResult(page) { HasMore = page.Count < after.Count }, Self);
        });
    }
}
