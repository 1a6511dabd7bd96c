using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Registry.Remoting;

namespace MachineActors.Host.Tests;

/// <summary>
/// A request the front-end passed to a station that then dies is answered 503 soon after the connection to the station
/// is lost, not at the end of the request timeout. Found by the load test: print requests in flight when a station was
/// killed hung for the front-end's full 10 s request timeout, although the connection had dropped at once.
/// </summary>
public sealed class ClusterFrontendStationLossTests(PrivatePostgres postgres) : IClassFixture<PrivatePostgres>
{
    private const string Secret = "host-tests-cluster-secret-0123456789";

    [Fact]
    public async Task A_request_in_flight_to_a_station_that_dies_answers_503_within_seconds()
    {
        var schema = PrivatePostgres.NewSchemaName("loss");
        await using var frontend = new ClusterFrontendNode(postgres.ConnectionString, schema, Secret);
        using var client = frontend.ClientWithToken(NodeFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/machine/status/")).StatusCode);

        // A station whose registry takes requests and never answers, holding the lease of one listed machine.
        var station = await ClusterNode.StartAsync("machineactors", new ClusterOptions
        {
            NodeName = "station-x",
            Roles = ["station"],
            PostgresConnectionString = postgres.ConnectionString,
            Transport = new TransportOptions { Port = 0, Secret = Secret },
            Membership = new MembershipOptions { Schema = schema },
            Leases = new LeaseOptions { Schema = schema },
        }, RegistryRemoting.Register(new RemoteMessageTypes()));
        var stationStopped = false;
        try
        {
            station.System.ActorOf(Props.Create(() => new SilentRegistry()), "registry");
            var machine = Guid.NewGuid();
            await station.Catalog.SetPlacementAsync(machine.ToString("D"), "station");
            station.Leases.Tell(new AcquireLease(machine.ToString("D")));
            await Until(async () => (await station.Catalog.ReadAsync(machine.ToString("D")))?.OwnerNode == "station-x", "station-x holds the lease");
            await Until(async () => await StationUp(client), "the front-end sees station-x up");

            var timer = Stopwatch.StartNew();
            var request = client.GetAsync($"/api/machine/{machine}/");
            await Task.Delay(500);
            Assert.False(request.IsCompleted, "the station's registry answered");
            await station.DisposeAsync();
            stationStopped = true;

            using var response = await request;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("station-x", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(6), $"the 503 came {timer.Elapsed.TotalSeconds:F1} s after the request (the request timeout is 10 s)");
        }
        finally
        {
            if (!stationStopped)
            {
                await station.DisposeAsync();
            }
        }
    }

    private static async Task<bool> StationUp(HttpClient client)
    {
        var nodes = await client.GetFromJsonAsync<JsonElement>("/api/cluster/nodes/");
        return nodes.EnumerateArray().Any(n => n.GetProperty("name").GetString() == "station-x" && n.GetProperty("status").GetString() == "up");
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    private sealed class SilentRegistry : ReceiveActor
    {
        public SilentRegistry() => ReceiveAny(_ => { });
    }
}
