using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MachineActors.Acceptance;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Load;

/// <summary>
/// The load test: a front-end and two stations on their own private PostgreSQL server, 100 virtual label printers
/// placed on the role "station", and 32 HTTP clients submitting print jobs through the front-end, each under its own
/// idempotency key and retried with that key until accepted. Midway (40 % accepted) station-b is killed with SIGKILL; once its printers run
/// on station-a it is started again; later (70 %) station-a, which by then runs every printer, is killed and they move
/// to station-b, and station-a is started again. Faults here are kill -9 only: the network cut, the PostgreSQL restart
/// and the disappearing printer are the fault suite's (tests/Reliability/Faults).
/// Once every job is final the test proves that no accepted job was lost or made twice, that no label was printed
/// twice, that jobs were interrupted only by a kill while they printed, and that no machine ran on two nodes at once;
/// it reports jobs/s and acceptance latency in a <c>LOAD ...</c> line.
/// </summary>
public sealed class LoadTests(LoadPostgres postgres, ITestOutputHelper output) : IClassFixture<LoadPostgres>, IAsyncLifetime
{
    /// <summary>Overrides the number of jobs (the full run is 10,000; under CI=true a smaller one).</summary>
    public const string JobsVariable = "MACHINEACTORS_LOAD_JOBS";

    private const string Secret = "reliability-load-cluster-secret-0123456789";
    private const int Machines = 100;
    private const int Clients = 32;
    private const int FullJobs = 10_000;

    // Under CI=true the whole suite shares this project's 2 cores: a smaller count keeps the test near half a minute
    // there (the full count takes about a minute alone). The kills land at the same shares of the load.
    private const int CiJobs = 3_000;

    // Each machine's list keeps every unfinished job and its newest 200 finished ones: the test reads the lists.
    private const int FinishedJobsListed = 200;

    private static readonly TimeSpan s_printDelay = TimeSpan.FromMilliseconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("machineactors-load-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Print_jobs_through_the_frontend_are_never_lost_or_duplicated_while_stations_are_killed()
    {
        var jobs = JobCount();
        Assert.True(jobs / Machines < FinishedJobsListed, $"{jobs} jobs over {Machines} machines do not fit in the machines' job lists");
        output.WriteLine($"{jobs:N0} jobs ({(jobs == FullJobs ? "full run" : $"reduced from {FullJobs:N0}")}), {Machines} machines, {Clients} clients.");
        var spoolRoot = Path.Combine(_root, "spool");
        var spools = Enumerable.Range(0, Machines).Select(i => Path.Combine(spoolRoot, i.ToString("D3", CultureInfo.InvariantCulture))).ToList();
        spools.ForEach(folder => Directory.CreateDirectory(folder));
        using var watcher = new SpoolWatcher(spoolRoot);

        await using var cluster = new LoadCluster(_root, postgres.ConnectionString, Secret);
        await using var connections = new ConnectionSampler(postgres.ConnectionString, TimeSpan.FromMilliseconds(100));
        try
        {
            var frontend = await cluster.StartAsync("frontend", "frontend");
            await cluster.StartAsync("station-a", "station");
            await cluster.StartAsync("station-b", "station");
            using var admin = frontend.Client();
            await WaitAsync(async () => (await LoadCluster.UpNodesAsync(admin)).SetEquals(["frontend", "station-a", "station-b"]), "all three nodes are up");

            var machines = await AddPrintersAsync(admin, spools);
            await WaitAsync(async () => (await RunningAsync(admin)).Count == Machines, "every printer runs", TimeSpan.FromSeconds(120));
            var placed = await RunningAsync(admin);
            var perNode = placed.Values.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"placed: {string.Join(", ", perNode.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
            Assert.True(perNode.Count == 2, "the printers did not spread over both stations");

            using var load = frontend.Client();
            load.Timeout = Timeout.InfiniteTimeSpan;
            var clients = new LoadClients(load, machines, $"load-{Guid.NewGuid():N}", jobs);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(180 + jobs * 0.05));
            var started = Stopwatch.StartNew();
            var submitting = clients.RunAsync(Clients, stop.Token);
            var kills = new List<DateTime>();
            var failovers = new List<TimeSpan>();
            var beforeFault = 0.0;
            var faults = Task.Run(async () =>
            {
                // At 40 % station-b is killed, at 70 % station-a (which by then runs every printer).
                foreach (var (station, tenths) in new[] { ("station-b", 4), ("station-a", 7) })
                {
                    await UntilAcceptedAsync(clients, jobs * tenths / 10, submitting);
                    if (kills.Count == 0)
                    {
                        beforeFault = clients.Accepted / started.Elapsed.TotalSeconds;
                    }
                    var (killed, failover) = await KillAndRestartAsync(cluster, admin, station, clients, started);
                    kills.Add(killed);
                    failovers.Add(failover);
                }
            }, stop.Token);
            try
            {
                await Task.WhenAll(submitting, faults);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"only {clients.Accepted:N0} of {jobs:N0} jobs were accepted in {started.Elapsed.TotalSeconds:F0} s; "
                    + $"failed attempts: {Describe(clients.Failures)}\n{string.Join('\n', clients.Unexpected)}");
            }
            var submissions = clients.Submissions;
            var acceptedIn = submissions.Max(s => s.AcceptedAtUtc) - submissions.Min(s => s.AcceptedAtUtc.AddMilliseconds(-s.ChainMs));
            output.WriteLine($"{submissions.Count:N0} jobs accepted in {acceptedIn.TotalSeconds:F1} s; failed attempts: {Describe(clients.Failures)}");

            var listed = await WhenAllFinalAsync(admin, machines, submissions.Count);
            var finalIn = started.Elapsed;
            var replay = await LoadClients.ReplayAsync(load, submissions, Clients);

            var ledger = new LoadLedger(submissions, listed, SpoolFile.ReadAll(spoolRoot), watcher.Printed, kills);
            var report = new LoadReport
            {
                Jobs = submissions.Count,
                Machines = Machines,
                Clients = Clients,
                JobsPerSecond = submissions.Count / acceptedIn.TotalSeconds,
                BeforeFaultPerSecond = beforeFault,
                FinalPerSecond = submissions.Count / finalIn.TotalSeconds,
                AcceptP50Ms = LoadReport.Percentile([.. submissions.Select(s => s.AttemptMs)], 0.50),
                AcceptP99Ms = LoadReport.Percentile([.. submissions.Select(s => s.AttemptMs)], 0.99),
                ChainP50Ms = LoadReport.Percentile([.. submissions.Select(s => s.ChainMs)], 0.50),
                ChainP99Ms = LoadReport.Percentile([.. submissions.Select(s => s.ChainMs)], 0.99),
                ChainMaxMs = submissions.Max(s => s.ChainMs),
                Retried = submissions.Count(s => s.Attempts > 1),
                Completed = ledger.Completed,
                Interrupted = ledger.Interrupted,
                Failed = ledger.Failed,
                Lost = ledger.Lost.Count,
                Duplicated = ledger.Duplicated.Count,
                Kills = kills.Count,
                FailoverMaxSeconds = failovers.Max().TotalSeconds,
            };
            output.WriteLine($"{report.Retried:N0} jobs needed a retry ({submissions.Count(s => s.AcceptedWith == 200):N0} were answered 200: "
                + $"accepted by an attempt whose answer was lost); {report.Completed:N0} completed, {report.Interrupted} interrupted "
                + $"({ledger.UnfinishedWrites} left a temp file), {report.Failed} failed.");
            output.WriteLine(report.Line());
            output.WriteLine($"At most {connections.Most} PostgreSQL connections were open at once (all nodes; the server takes 100).");

            Assert.True(watcher.Errors.Count == 0, $"the spool watch lost events: {string.Join("; ", watcher.Errors)}");
            Assert.True(clients.Unexpected.Count == 0, "answers other than 202, 503 and a retry's 200:\n" + string.Join('\n', clients.Unexpected));
            Assert.True(replay.Count == 0, $"{replay.Count} accepted keys do not answer with their job:\n" + string.Join('\n', replay.Take(20)));
            Assert.True(ledger.Problems.Count == 0, $"{ledger.Problems.Count} problems:\n" + string.Join('\n', ledger.Problems.Take(50)));
            Assert.Equal(2, kills.Count);
            Assert.True(report.Retried > 0, "no request failed: the kills did not land while jobs were submitted");
            var logs = cluster.Logs;
            Assert.True(ActivationTimeline.Count(logs) >= 2 * Machines, "the nodes logged too few activations to check");
            var overlaps = ActivationTimeline.Overlaps(logs, cluster.Kills);
            Assert.True(overlaps.Count == 0, "machines ran on two nodes at once:\n" + string.Join('\n', overlaps));
        }
        catch (Exception)
        {
            // Kept for a look afterwards: the whole output of every node process.
            var kept = Directory.CreateTempSubdirectory("machineactors-load-failure-").FullName;
            var logs = cluster.Logs;
            for (var i = 0; i < logs.Count; i++)
            {
                File.WriteAllText(Path.Combine(kept, $"node-{i}.log"), logs[i]);
            }
            output.WriteLine($"The node processes' output is in {kept}.");
            throw;
        }
    }

    private static int JobCount()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(JobsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs > 0)
        {
            return jobs;
        }
        return string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? CiJobs : FullJobs;
    }

    /// <summary>Adds the printers through the front-end (on the role "station"), each spooling to its own folder.</summary>
    private static async Task<IReadOnlyList<string>> AddPrintersAsync(HttpClient client, IReadOnlyList<string> spools)
    {
        using var parallel = new SemaphoreSlim(8);
        return await Task.WhenAll(spools.Select(async (spool, i) =>
        {
            await parallel.WaitAsync();
            try
            {
                using var created = await client.PostAsJsonAsync("/api/machine/", new
                {
                    name = $"load printer {i:D3}",
                    machine_type = "label-printer",
                    driver = "virtual-label-printer",
                    placement = "station",
                });
                var body = await created.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(created.StatusCode == HttpStatusCode.Created, $"create answered {(int)created.StatusCode}: {body}");
                var pk = body.GetProperty("pk").GetString()!;
                await SetAsync(client, pk, "SPOOL_DIR", spool);
                await SetAsync(client, pk, "DELAY_MS", (int)s_printDelay.TotalMilliseconds);
                return pk;
            }
            finally
            {
                parallel.Release();
            }
        }));
    }

    private static Task SetAsync(HttpClient client, string pk, string key, object value) =>
        WaitAsync(async () =>
        {
            using var set = await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/{key}/", new { value });
            return set.StatusCode == HttpStatusCode.OK;
        }, $"{pk} takes {key}");

    /// <summary>The machines that run (initialised), with the node each runs on.</summary>
    private static async Task<Dictionary<string, string>> RunningAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/machine/?initialized=true");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .ToDictionary(m => m.GetProperty("pk").GetString()!, m => m.GetProperty("node").GetString()!);
    }

    private static async Task UntilAcceptedAsync(LoadClients clients, int count, Task submitting)
    {
        while (clients.Accepted < count && !submitting.IsCompleted)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// SIGKILL of a station while jobs are submitted and printed; once every printer runs on the other station (the
    /// failover), the killed station is started again and rejoins. Returns when the kill took effect, and how long the
    /// failover took.
    /// </summary>
    private async Task<(DateTime Killed, TimeSpan Failover)> KillAndRestartAsync(
        LoadCluster cluster, HttpClient admin, string station, LoadClients clients, Stopwatch started)
    {
        var moving = (await RunningAsync(admin)).Count(m => m.Value == station);
        var accepted = clients.Accepted;
        var killed = await cluster.KillAsync(station);
        var timer = Stopwatch.StartNew();
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s: kill -9 of {station} (running {moving} printers) after {accepted:N0} jobs accepted.");
        await WaitAsync(async () =>
        {
            var running = await RunningAsync(admin);
            return running.Count == Machines && running.Values.All(node => node != station);
        }, $"every printer runs on the other station after the kill of {station}", TimeSpan.FromSeconds(60));
        var failover = timer.Elapsed;
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s: every printer runs on the other station {failover.TotalSeconds:F1} s after the kill; "
            + $"{clients.Accepted:N0} jobs accepted.");
        await cluster.StartAsync(station, "station");
        await WaitAsync(async () => (await LoadCluster.UpNodesAsync(admin)).Contains(station), $"{station} rejoins", TimeSpan.FromSeconds(60));
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s: {station} restarted and up again {timer.Elapsed.TotalSeconds:F1} s after the kill.");
        return (killed, failover);
    }

    /// <summary>Reads every machine's job list until <paramref name="expected"/> jobs are listed and every one is final.</summary>
    private async Task<IReadOnlyList<ListedJob>> WhenAllFinalAsync(HttpClient client, IReadOnlyList<string> machines, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // Eight at a time, as a dashboard would read them.
            using var parallel = new SemaphoreSlim(8);
            var lists = await Task.WhenAll(machines.Select(async machine =>
            {
                await parallel.WaitAsync();
                try
                {
                    return await JobsAsync(client, machine);
                }
                finally
                {
                    parallel.Release();
                }
            }));
            var listed = lists.SelectMany(jobs => jobs ?? []).ToList();
            if (lists.All(jobs => jobs is not null) && listed.Count >= expected && listed.All(j => j.IsFinal))
            {
                return listed;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                // Checked anyway: the ledger names what is missing or still unfinished.
                output.WriteLine($"after 120 s: {listed.Count:N0} jobs listed, {listed.Count(j => !j.IsFinal):N0} not final, "
                    + $"{lists.Count(l => l is null)} lists unreadable.");
                return listed;
            }
            await Task.Delay(250);
        }
    }

    /// <summary>A machine's job list; null while the front-end cannot get it.</summary>
    private static async Task<List<ListedJob>?> JobsAsync(HttpClient client, string machine)
    {
        using var response = await client.GetAsync($"/api/machine/{machine}/jobs/");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(j => new ListedJob(
            machine,
            j.GetProperty("id").GetString()!,
            j.GetProperty("state").GetString()!,
            j.GetProperty("idempotency_key").GetString(),
            j.GetProperty("started").ValueKind == JsonValueKind.Null ? null : j.GetProperty("started").GetDateTimeOffset(),
            j.GetProperty("finished").ValueKind == JsonValueKind.Null ? null : j.GetProperty("finished").GetDateTimeOffset(),
            j.GetProperty("error").GetString()))];
    }

    private static string Describe(IReadOnlyDictionary<string, int> failures) =>
        failures.Count == 0 ? "none" : string.Join(", ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Value:N0} {f.Key}"));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
