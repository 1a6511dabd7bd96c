using System.Diagnostics;
using System.Net;
using MachineActors.Acceptance;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Fault case 3: a driver plugin (tests/FaultyPlugin) whose machines hang (a task that never completes and ignores its
/// token), block their calling thread, throw on every call, leak exceptions from tasks nobody awaits, or fail in
/// background work run through the SDK — on the same station as a healthy printer that keeps printing. The station
/// never crashes; the faulty machines show their errors and restart with backoff. An exception on a raw thread, which
/// ends any .NET process, is shown to end the node with its cause on standard error.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class FaultyDriverTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(2);
    private static readonly string[] s_modes = ["hang", "block", "throw", "leak-task", "leak-background"];

    [Fact]
    public async Task Faulty_drivers_never_crash_the_station_nor_stop_a_healthy_printer()
    {
        await using var cluster = new FaultCluster(postgres.ConnectionString, output);
        try
        {
            var frontend = await cluster.StartAsync("frontend", "frontend");
            await cluster.StartAsync("station-a", "station", [$"--Node:DriverCallTimeout={s_callTimeout}"]);
            using var client = frontend.Client();
            await ClusterApi.WaitAsync(async () => (await ClusterApi.UpNodesAsync(client)).SetEquals(["frontend", "station-a"]), "both nodes are up");
            using var spool = new SpoolWatch(Path.Combine(cluster.Root, "spool"));
            var healthy = await ClusterApi.AddPrinterAsync(client, "healthy printer", "virtual-label-printer", "station-a",
                new Dictionary<string, object> { ["SPOOL_DIR"] = spool.Folder });
            await ClusterApi.WaitAsync(async () => (await ClusterApi.MachinesAsync(client, initialized: true)).ContainsKey(healthy), "the healthy printer runs");

            var ledger = new FaultLedger();
            var clients = new FaultClients(client, ledger, [healthy], new Random(FaultSuite.Seed()), "faulty") { PrintWorkers = 2, ChangeSettings = false };
            clients.Start();
            var faulty = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var mode in s_modes)
            {
                faulty[mode] = await AddFaultyAsync(client, mode);
            }
            var watched = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(10));

            var machines = await ClusterApi.MachinesAsync(client);
            foreach (var (mode, pk) in faulty)
            {
                var m = machines[pk];
                output.WriteLine($"{mode}: status {m.Status} {m.StatusName}, initialized {m.Initialized}, errors [{string.Join(" | ", m.Errors)}]");
            }
            var failures = s_modes.ToDictionary(mode => mode, mode => cluster.LinesOf("station-a", $"Machine 'faulty {mode}' failed").Count);
            output.WriteLine($"failures (restarts with backoff) logged in {watched.Elapsed.TotalSeconds:F0} s: {string.Join(", ", failures.Select(f => $"{f.Key} {f.Value}"))}");

            // A call that throws fails the machine, which shows it and is started again with backoff (1 s, 2 s, ...).
            AssertFailing(machines[faulty["throw"]], "InitMachine of the faulty driver failed on purpose");
            Assert.True(failures["throw"] >= 2, $"the throwing machine failed {failures["throw"]} times: it was not restarted");
            // A call that never completes is abandoned at the call timeout, and fails the machine the same way.
            AssertFailing(machines[faulty["hang"]], $"InitMachine did not complete within {s_callTimeout.TotalSeconds:0} s");
            Assert.True(failures["hang"] >= 2, $"the hanging machine failed {failures["hang"]} times: it was not restarted");
            // A call that blocks its thread cannot be cancelled, but it is given up at the timeout the same way (its thread stays lost).
            AssertFailing(machines[faulty["block"]], $"InitMachine did not complete within {s_callTimeout.TotalSeconds:0} s and blocks its thread");
            Assert.True(failures["block"] >= 2, $"the blocking machine failed {failures["block"]} times: it was not restarted");
            // Exceptions of tasks nobody awaited are logged; the machine runs.
            Assert.True(machines[faulty["leak-task"]].Initialized, "the leaking machine stopped");
            Assert.NotEmpty(cluster.LinesOf("station-a", "A task nobody awaited failed with InvalidOperationException: leaked from an unobserved task"));
            // Failures of background work run through the SDK are errors of the machine; the machine runs.
            var background = machines[faulty["leak-background"]];
            Assert.True(background.Initialized, "the machine whose background work fails stopped");
            Assert.Contains("Background work 'faulty status poll' failed: the faulty device did not answer its status poll", background.Errors);

            await clients.StopAsync();
            var finals = await Invariants.AssertJobsExactlyOnceAsync(client, ledger, output);
            Assert.All(finals.Values, job => Assert.Equal("completed", job.State));
            Invariants.AssertPrintedOnce(spool, finals, ledger, output);
            Invariants.AssertOnlyClearAnswers(ledger, output);
            Assert.True(ledger.Jobs.Count >= 20, $"the healthy printer printed only {ledger.Jobs.Count} jobs beside the faulty machines");
            Assert.True(cluster.CrashedProcesses().Count == 0, string.Join("; ", cluster.CrashedProcesses()));
        }
        catch (Exception)
        {
            cluster.DumpLogs(200);
            throw;
        }
    }

    /// <summary>
    /// What the SDK cannot contain: an exception on a driver's own thread ends the node process, as it ends any .NET
    /// process. The node writes why to standard error, pointing at MachineBackgroundWork.
    /// </summary>
    [Fact]
    public async Task An_exception_on_a_drivers_own_thread_ends_the_node_and_says_why()
    {
        var dataDir = Directory.CreateTempSubdirectory("machineactors-crash-thread-").FullName;
        try
        {
            await using var node = await NodeProcess.Start(dataDir);
            using var client = node.Client();
            // The thread throws while the node answers the activation: the answer may be cut off by the node's end.
            await AddFaultyAsync(client, "crash-thread", placement: null, answerMayBeCut: true);
            await node.WaitForExit(TimeSpan.FromSeconds(30));
            output.WriteLine($"exit code {node.ExitCode}; output:\n{node.Output}");
            Assert.NotEqual(0, node.ExitCode);
            Assert.Contains("the process ends because of an unhandled exception on a thread outside the actor runtime", node.Output, StringComparison.Ordinal);
            Assert.Contains("thrown on a raw thread by the faulty driver of 'faulty crash-thread'", node.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static void AssertFailing(MachineRow machine, string error)
    {
        Assert.False(machine.Initialized, $"{machine.Name} is initialised");
        Assert.True(machine.Errors.Any(e => e.Contains(error, StringComparison.Ordinal)), $"{machine.Name} shows [{string.Join(" | ", machine.Errors)}], not '{error}'");
    }

    /// <summary>
    /// Adds a faulty machine inactive, sets its mode, then activates it (so its first initialisation already
    /// misbehaves). With <paramref name="answerMayBeCut"/>, the activation may end the node before it answers.
    /// </summary>
    private static async Task<string> AddFaultyAsync(HttpClient client, string mode, string? placement = "station-a", bool answerMayBeCut = false)
    {
        var created = await ClusterApi.SendAsync(client, HttpMethod.Post, "/api/machine/",
            new { name = $"faulty {mode}", machine_type = "faulty-device", driver = "faulty-driver", placement, active = false });
        Assert.True(created.Status == HttpStatusCode.Created, $"create answered {created}");
        var pk = created.Json!.Value.GetProperty("pk").GetString()!;
        var set = await ClusterApi.SendAsync(client, HttpMethod.Patch, $"/api/machine/{pk}/settings/D/MODE/", new { value = mode });
        Assert.True(set.Status == HttpStatusCode.OK, $"MODE answered {set}");
        // A blocked initialisation never answers this request; the front-end gives up after its request timeout.
        ApiAnswer activated;
        try
        {
            activated = await ClusterApi.SendAsync(client, HttpMethod.Patch, $"/api/machine/{pk}/", new { active = true });
        }
        catch (HttpRequestException) when (answerMayBeCut)
        {
            return pk;
        }
        Assert.True(activated.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"activating {mode} answered {activated}");
        return pk;
    }
}
