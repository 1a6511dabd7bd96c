using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Fault case 2: the cluster's PostgreSQL (this test's own server) stops for 10 s while a front-end and two stations
/// run printers and clients print and change settings. Under the default timings (leases of 5 s, given up 1 s early)
/// every station gives its leases up during the outage and stops its machines (fencing); the API answers 503 with a
/// reason meanwhile, never 500 and never after a hang; once the database is back the machines run again by themselves,
/// nothing acknowledged is lost or duplicated, and no machine ever ran on two nodes at once.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_outage = TimeSpan.FromSeconds(10);
    private static readonly string[] s_stations = ["station-a", "station-b"];

    [Fact]
    public async Task A_10_s_database_outage_fences_the_machines_answers_503_and_recovers_by_itself()
    {
        var seed = FaultSuite.Seed();
        output.WriteLine($"seed {seed}");
        await using var database = await PausablePostgres.StartAsync();
        await using var cluster = new FaultCluster(database.ConnectionString, output);
        try
        {
            var frontend = await cluster.StartAsync("frontend", "frontend");
            foreach (var station in s_stations)
            {
                await cluster.StartAsync(station, "station");
            }
            using var client = frontend.Client();
            await ClusterApi.WaitAsync(async () => (await ClusterApi.UpNodesAsync(client)).SetEquals(["frontend", .. s_stations]), "every node is up");
            using var spool = new SpoolWatch(Path.Combine(cluster.Root, "spool"));
            var settings = new Dictionary<string, object> { ["SPOOL_DIR"] = spool.Folder, ["DELAY_MS"] = 15 };
            var printers = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                printers.Add(await ClusterApi.AddPrinterAsync(client, $"network printer {i}", "virtual-label-printer", "station", settings));
            }
            foreach (var station in s_stations)
            {
                printers.Add(await ClusterApi.AddPrinterAsync(client, $"printer wired to {station}", "virtual-label-printer", station, settings));
            }
            await ClusterApi.WaitAsync(async () => (await ClusterApi.MachinesAsync(client, initialized: true)).Count == printers.Count, "every printer runs");

            var ledger = new FaultLedger();
            var clients = new FaultClients(client, ledger, printers, new Random(seed), "outage");
            clients.Start();
            await Task.Delay(3000);

            var outage = Stopwatch.StartNew();
            await database.PauseAsync();
            await ProbeAsync(client, ledger, printers, outage, s_outage);
            await database.ResumeAsync();
            var resumedAt = outage.Elapsed;
            output.WriteLine($"database stopped for {resumedAt.TotalSeconds:F1} s");

            // Fencing: under the default timings every lease ran out during the outage, so each station stopped its machines.
            var lost = s_stations.ToDictionary(s => s, s => cluster.LinesOf(s, "lost the lease of machine").Count);
            output.WriteLine($"leases given up during the outage: {string.Join(", ", lost.Select(l => $"{l.Key} {l.Value}"))}");
            Assert.True(lost.Values.Sum() >= printers.Count, $"only {lost.Values.Sum()} of {printers.Count} machines were stopped for lack of a lease");

            await ClusterApi.WaitAsync(async () => (await ClusterApi.MachinesAsync(client, initialized: true)).Count == printers.Count,
                "every printer runs again after the outage", TimeSpan.FromSeconds(60));
            var recovery = outage.Elapsed - resumedAt;
            output.WriteLine($"every printer ran again {recovery.TotalSeconds:F1} s after the database came back");
            // A lease is taken at the next renew round (1 s); a machine whose first read after the outage fails is tried again at the next poll.
            Assert.True(recovery < TimeSpan.FromSeconds(15), $"the printers took {recovery.TotalSeconds:F1} s to run again after the database came back");
            await Task.Delay(3000);
            await clients.StopAsync();

            var finals = await Invariants.AssertJobsExactlyOnceAsync(client, ledger, output);
            Invariants.AssertPrintedOnce(spool, finals, ledger, output);
            await Invariants.AssertSettingsHeldAsync(client, ledger, output);
            Invariants.AssertOnlyClearAnswers(ledger, output);
            Assert.True(cluster.CrashedProcesses().Count == 0, string.Join("; ", cluster.CrashedProcesses()));
            cluster.AssertNoMachineRanOnTwoNodesAtOnce(atLeast: 2 * printers.Count);
            Assert.True(ledger.Count(HttpStatusCode.ServiceUnavailable) > 0, "nothing was refused during the outage: the case did not hit the cluster");
            string[] nodes = ["frontend", .. s_stations];
            foreach (var node in nodes)
            {
                Assert.Empty(cluster.LinesOf(node, "was marked down by the cluster"));
            }
        }
        catch (Exception)
        {
            output.WriteLine($"seed {seed}");
            cluster.DumpLogs(250);
            throw;
        }
    }

    /// <summary>What a user sees during the outage: the list, a machine, a print and the nodes, every half second.</summary>
    private async Task ProbeAsync(
        HttpClient client, FaultLedger ledger, IReadOnlyList<string> printers, Stopwatch outage, TimeSpan length)
    {
        var probes = new List<(TimeSpan At, string What, ApiAnswer Answer)>();
        for (var n = 0; outage.Elapsed < length; n++)
        {
            var printer = printers[n % printers.Count];
            foreach (var (what, call) in new (string, Func<Task<ApiAnswer>>)[]
            {
                ("list", () => ClusterApi.SendAsync(client, HttpMethod.Get, "/api/machine/")),
                ("detail", () => ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{printer}/")),
                ("jobs", () => ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{printer}/jobs/")),
                ("nodes", () => ClusterApi.SendAsync(client, HttpMethod.Get, "/api/cluster/nodes/")),
            })
            {
                var at = outage.Elapsed;
                var answer = await call();
                ledger.Record($"{what} during the outage", answer, HttpStatusCode.OK);
                probes.Add((at, what, answer));
            }
            await Task.Delay(500);
        }
        foreach (var group in probes.GroupBy(p => (p.What, p.Answer.Status, Reason: Shorten(p.Answer.Detail))))
        {
            output.WriteLine($"  {group.Key.What} from {group.Min(p => p.At).TotalSeconds:F1} s to {group.Max(p => p.At).TotalSeconds:F1} s: "
                + $"{(int)group.Key.Status} x{group.Count()} (slowest {group.Max(p => p.Answer.Elapsed).TotalSeconds:F1} s){(group.Key.Status == HttpStatusCode.OK ? "" : ": " + group.Key.Reason)}");
        }
    }

    private static string Shorten(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason.Length > 200 ? reason[..200] : reason, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*");
}
