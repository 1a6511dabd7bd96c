using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using MachineActors.Acceptance;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Fault case 5: the node-to-node network between the front-end and station-a is cut for 5 s and heals, several times,
/// while clients print and change settings. station-a advertises a TCP proxy as its cluster address (the front-end
/// dials it there); the proxy drops the WebSocket and refuses new ones during the cut. Membership and leases live in
/// PostgreSQL, which both still reach: station-a stays Up and keeps its machines (nothing moves, nothing runs twice).
/// Requests about its machines answer 503 naming the node within the request timeout; after the heal everything works,
/// and nothing acknowledged is lost or duplicated.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class NetworkCutTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    private static readonly TimeSpan s_cut = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_5_s_cut_between_the_frontend_and_a_station_answers_503_naming_the_node_and_heals_by_itself()
    {
        var cuts = FaultSuite.Rounds(full: 4, ci: 2);
        var seed = FaultSuite.Seed();
        output.WriteLine($"seed {seed}, {cuts} cuts of {s_cut.TotalSeconds:0} s");
        var random = new Random(seed);
        var stationPort = NodeProcess.FreeLoopbackPort();
        var (frontendPort, proxy) = PortsWhereTheFrontendDials(stationPort);
        await using var line = proxy;
        await using var cluster = new FaultCluster(postgres.ConnectionString, output);
        try
        {
            var frontend = await cluster.StartAsync("frontend", "frontend", clusterPort: frontendPort);
            await cluster.StartAsync("station-a", "station", [$"--Node:Cluster:AdvertisedPort={line.Port}"], stationPort);
            await cluster.StartAsync("station-b", "station");
            using var client = frontend.Client();
            await ClusterApi.WaitAsync(async () => (await ClusterApi.UpNodesAsync(client)).SetEquals(["frontend", "station-a", "station-b"]), "every node is up");
            Assert.True(line.Connections > 0, "the front-end does not reach station-a through the proxy");

            using var spool = new SpoolWatch(Path.Combine(cluster.Root, "spool"));
            var settings = new Dictionary<string, object> { ["SPOOL_DIR"] = spool.Folder, ["DELAY_MS"] = 15 };
            var onA = new List<string>();
            var onB = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                onA.Add(await ClusterApi.AddPrinterAsync(client, $"wired to a {i}", "virtual-label-printer", "station-a", settings));
                onB.Add(await ClusterApi.AddPrinterAsync(client, $"wired to b {i}", "virtual-label-printer", "station-b", settings));
            }
            List<string> printers = [.. onA, .. onB];
            await ClusterApi.WaitAsync(async () => (await ClusterApi.MachinesAsync(client, initialized: true)).Count == printers.Count, "every printer runs");

            var ledger = new FaultLedger();
            var clients = new FaultClients(client, ledger, printers, new Random(random.Next()), "cut");
            clients.Start();
            var during = new ConcurrentBag<(string What, ApiAnswer Answer)>();
            var recoveries = new List<TimeSpan>();
            for (var cut = 1; cut <= cuts; cut++)
            {
                await Task.Delay(random.Next(1000, 3000));
                line.Cut();
                var clock = Stopwatch.StartNew();
                await ProbeAsync(client, ledger, onA, onB, during, clock);
                line.Heal();
                var healed = Stopwatch.StartNew();
                ApiAnswer? last = null;
                await ClusterApi.WaitAsync(async () => (last = await ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{onA[0]}/")).Status == HttpStatusCode.OK,
                    () => $"station-a's machines answer again after the heal (last answer: {last})", TimeSpan.FromSeconds(30));
                recoveries.Add(healed.Elapsed);
                output.WriteLine($"cut {cut}: {line.Refused} connections refused so far; station-a answered again {healed.Elapsed.TotalSeconds:F1} s after the heal");
            }
            await Task.Delay(2000);
            await clients.StopAsync();

            foreach (var group in during.GroupBy(p => (p.What, p.Answer.Status, Reason: p.Answer.Status == HttpStatusCode.OK ? "" : Shorten(p.Answer.Detail)))
                .OrderBy(g => g.Key.What, StringComparer.Ordinal))
            {
                output.WriteLine($"  during the cuts, {group.Key.What}: {(int)group.Key.Status} x{group.Count()} (slowest {group.Max(p => p.Answer.Elapsed).TotalSeconds:F1} s)"
                    + (group.Key.Status == HttpStatusCode.OK ? "" : $": {group.Key.Reason}"));
            }
            // Requests about station-a's machines are refused with a reason naming it, in time; station-b's work.
            var aside = during.Where(p => p.What.Contains("station-a", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(aside);
            Assert.All(aside, p => Assert.True(
                p.Answer.Status == HttpStatusCode.ServiceUnavailable && p.Answer.Detail.Contains("station-a", StringComparison.Ordinal) && p.Answer.Elapsed < TimeSpan.FromSeconds(12),
                $"{p.What} during the cut answered {p.Answer}"));
            Assert.All(during.Where(p => p.What.Contains("station-b", StringComparison.Ordinal)), p => Assert.True(p.Answer.Status == HttpStatusCode.OK, $"{p.What} answered {p.Answer}"));
            // The front-end still lists station-a as up: its heartbeats reach the database, whatever the cut.
            Assert.All(during.Where(p => p.What == "nodes"), p => Assert.Equal("up", StationAStatus(p.Answer)));
            Assert.All(recoveries, r => Assert.True(r < TimeSpan.FromSeconds(10), $"station-a answered again only {r.TotalSeconds:F1} s after the heal"));

            var finals = await Invariants.AssertJobsExactlyOnceAsync(client, ledger, output);
            Invariants.AssertPrintedOnce(spool, finals, ledger, output);
            await Invariants.AssertSettingsHeldAsync(client, ledger, output);
            Invariants.AssertOnlyClearAnswers(ledger, output);
            Assert.True(cluster.CrashedProcesses().Count == 0, string.Join("; ", cluster.CrashedProcesses()));
            // Membership and leases do not travel on this network: no station was downed, no machine moved or ran twice.
            Assert.Empty(cluster.LinesOf("station-a", "lost the lease of machine"));
            Assert.Empty(cluster.LinesOf("frontend", "marked station-a down"));
            cluster.AssertNoMachineRanOnTwoNodesAtOnce(atLeast: printers.Count);
            Assert.True(ledger.Count(HttpStatusCode.ServiceUnavailable) > 0, "nothing was refused during the cuts: the case did not cut anything");
        }
        catch (Exception)
        {
            output.WriteLine($"seed {seed}");
            cluster.DumpLogs();
            throw;
        }
    }

    /// <summary>During one cut: station-a's and station-b's machines, a print on station-a, and the node list, every 250 ms.</summary>
    private static async Task ProbeAsync(
        HttpClient client, FaultLedger ledger, List<string> onA, List<string> onB, ConcurrentBag<(string, ApiAnswer)> during, Stopwatch clock)
    {
        var probes = new List<Task>();
        for (var n = 0; clock.Elapsed < s_cut; n++)
        {
            var (a, b) = (onA[n % onA.Count], onB[n % onB.Count]);
            probes.Add(Probe("machine on station-a", () => ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{a}/")));
            probes.Add(Probe("print on station-a", () => PrintOnceAsync(client, ledger, new SentJob(a, $"probe-{Guid.NewGuid():N}", ["probe"], 1))));
            probes.Add(Probe("machine on station-b", () => ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{b}/")));
            probes.Add(Probe("nodes", () => ClusterApi.SendAsync(client, HttpMethod.Get, "/api/cluster/nodes/")));
            await Task.Delay(250);
        }
        await Task.WhenAll(probes);

        async Task Probe(string what, Func<Task<ApiAnswer>> call) => during.Add((what, await call()));
    }

    /// <summary>
    /// One attempt, as a client that retries later would make it: a refused job stays unanswered (the end of the case
    /// retries its key), since a request the front-end had already sent when the line was cut may still reach the
    /// station once it heals.
    /// </summary>
    private static async Task<ApiAnswer> PrintOnceAsync(HttpClient client, FaultLedger ledger, SentJob job)
    {
        ledger.Unanswered[job.Key] = job;
        var answer = await ClusterApi.PrintAsync(client, job.Printer, job.Key, job.Labels, job.Copies);
        if (answer.Status is HttpStatusCode.Accepted or HttpStatusCode.OK)
        {
            ledger.Jobs[job.Key] = new AcceptedJob(job.Printer, job.Key, answer.Json!.Value.GetProperty("id").GetString()!, 1, 1);
            ledger.Unanswered.TryRemove(job.Key, out _);
        }
        return answer;
    }

    /// <summary>Of a node pair the lower address dials: the front-end's port must sort below the proxy's, so it dials station-a through it.</summary>
    private static (int FrontendPort, TcpProxy Proxy) PortsWhereTheFrontendDials(int stationPort)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var frontend = NodeProcess.FreeLoopbackPort();
            var proxy = new TcpProxy(stationPort);
            if (string.CompareOrdinal(frontend.ToString(CultureInfo.InvariantCulture), proxy.Port.ToString(CultureInfo.InvariantCulture)) < 0)
            {
                return (frontend, proxy);
            }
            proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        throw new InvalidOperationException("No pair of free ports sorted as needed.");
    }

    private static string? StationAStatus(ApiAnswer nodes) =>
        nodes.Json?.EnumerateArray().Where(n => n.GetProperty("name").GetString() == "station-a").Select(n => n.GetProperty("status").GetString()).FirstOrDefault();

    private static string Shorten(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*");
}
