using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit.Abstractions;

namespace MachineActors.Acceptance;

/// <summary>
/// Three node processes on loopback and a private PostgreSQL: a front-end and two stations. Machines placed on a
/// station by name are reached from the front-end; after a kill -9 of station-b its role-placed machines run on
/// station-a with their settings and jobs, its node-placed machine is reported DISCONNECTED naming the node, and
/// station-b rejoins when restarted. A node with another secret never joins. Every activation any station logs
/// ("runs machine ... (lease epoch N)") is checked: no machine is ever started twice under one lease epoch.
/// </summary>
public sealed partial class ClusterTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>, IAsyncLifetime
{
    private const string Secret = "acceptance-cluster-secret-0123456789";
    private static readonly TimeSpan s_failoverTarget = TimeSpan.FromSeconds(10);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"machineactors-cluster-{Guid.NewGuid():N}");
    private readonly string _schema = PrivatePostgres.NewSchemaName("cluster");
    private readonly List<NodeProcess> _nodes = [];
    private readonly List<NodeProcess> _everyProcess = [];
    private readonly Dictionary<int, DateTime> _kills = [];
    private readonly List<string> _logs = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            _logs.Add(node.Output);
            await node.DisposeAsync();
        }
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Machines_are_reached_through_the_frontend_and_move_when_their_station_dies()
    {
        var frontend = await StartAsync("frontend", "frontend");
        var stationA = await StartAsync("station-a", "station");
        var stationB = await StartAsync("station-b", "station");
        using var client = frontend.Client();
        await WaitAsync(async () => (await UpNodes(client)).SetEquals(["frontend", "station-a", "station-b"]), "all three nodes are up");

        var spool = Path.Combine(_root, "spool");
        var wired = await AddPrinterAsync(client, "wired to b", "station-b", spool);
        // Role-placed printers spread by their random ids; add them until station-b runs at least two (1 in 64 runs
        // would otherwise put all six on station-a and leave nothing to fail over).
        var roaming = new List<string>();
        List<string> onB = [];
        Dictionary<string, MachineRow> placed = [];
        while (roaming.Count < 6 || (onB.Count < 2 && roaming.Count < 24))
        {
            roaming.Add(await AddPrinterAsync(client, $"network printer {roaming.Count}", "station", spool));
            await WaitAsync(async () => (await Machines(client, initialized: true)).Count == roaming.Count + 1, "every machine runs");
            placed = await Machines(client, initialized: true);
            onB = [.. roaming.Where(pk => placed[pk].Node == "station-b")];
        }
        Assert.Equal("station-b", placed[wired].Node);
        Assert.True(onB.Count >= 2, $"only {onB.Count} of {roaming.Count} role-placed printers run on station-b");
        Assert.All(roaming, pk => Assert.Contains(placed[pk].Node, new[] { "station-a", "station-b" }));

        // Reached from the front-end: a job on the wired printer prints on station-b, and the front-end's event
        // stream (the dashboard's) reports its progress.
        using var events = new EventStreamReader(frontend.Client());
        await events.StartAsync();
        var printed = await PrintAsync(client, wired, "hello from the front-end");
        await WaitAsync(async () => await JobState(client, wired, printed) == "completed", "the wired printer's job completes");
        Assert.Single(Directory.GetFiles(spool, $"{printed}_*"));
        await WaitAsync(() => Task.FromResult(events.Received("job", printed) && events.Received("job", "\"completed\"")),
            "the front-end's event stream reports the station's job");
        var before = new Dictionary<string, string>();
        foreach (var pk in onB)
        {
            before[pk] = await PrintAsync(client, pk, $"before the crash {pk}");
        }
        await WaitAsync(async () => (await Task.WhenAll(onB.Select(pk => JobState(client, pk, before[pk])))).All(s => s == "completed"), "jobs on b complete");

        var killedAt = Stopwatch.StartNew();
        _kills[_everyProcess.IndexOf(stationB)] = DateTime.UtcNow;
        await stationB.Kill();

        await WaitAsync(async () =>
        {
            var now = await Machines(client, initialized: true);
            return onB.All(pk => now.TryGetValue(pk, out var m) && m.Node == "station-a");
        }, "station-b's role-placed machines run on station-a", TimeSpan.FromSeconds(30));
        var failover = killedAt.Elapsed;
        output.WriteLine($"{onB.Count} role-placed machines ran on station-a {failover.TotalSeconds:F1} s after the kill -9 of station-b.");
        Assert.True(failover <= s_failoverTarget, $"failover took {failover.TotalSeconds:F1} s");
        foreach (var pk in onB)
        {
            Assert.Equal(spool, await SettingAsync(client, pk, "SPOOL_DIR"));
            Assert.Equal("completed", await JobState(client, pk, before[pk]));
        }
        var after = await PrintAsync(client, onB[0], "after the failover");
        await WaitAsync(async () => await JobState(client, onB[0], after) == "completed", "a job prints on the new holder");

        // The machine wired to station-b stays there: listed DISCONNECTED naming the node, refused with 503 naming it.
        var all = await Machines(client, initialized: null);
        Assert.Equal(400, all[wired].Status);
        Assert.Contains(all[wired].Errors, e => e.Contains("station-b", StringComparison.Ordinal));
        var timer = Stopwatch.StartNew();
        using (var detail = await client.GetAsync($"/api/machine/{wired}/"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, detail.StatusCode);
            Assert.Contains("station-b", await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"the 503 took {timer.Elapsed.TotalSeconds:F1} s");

        // station-b comes back with a new incarnation and takes its wired printer again.
        _logs.Add(stationB.Output);
        _nodes.Remove(stationB);
        await stationB.DisposeAsync();
        await StartAsync("station-b", "station");
        await WaitAsync(async () => (await UpNodes(client)).Contains("station-b"), "station-b rejoins");
        await WaitAsync(async () => (await Machines(client, initialized: true)).TryGetValue(wired, out var m) && m.Node == "station-b",
            "the wired printer runs on station-b again", TimeSpan.FromSeconds(30));

        AssertEveryActivationHasItsOwnEpoch();
        AssertNoMachineRanOnTwoNodesAtOnce();
    }

    [Fact]
    public async Task A_node_with_the_wrong_secret_never_joins()
    {
        var frontend = await StartAsync("frontend", "frontend");
        using var client = frontend.Client();

        var intruder = await StartAsync("intruder", "station", secret: "not-the-cluster-secret-987654321", waitUntilReady: false);
        await intruder.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, intruder.ExitCode);
        Assert.Contains("cluster secret differs", intruder.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("intruder", await UpNodes(client));
    }

    private async Task<NodeProcess> StartAsync(string name, string role, string secret = Secret, bool waitUntilReady = true)
    {
        var node = await NodeProcess.StartClusterNode(name, role, Path.Combine(_root, name), postgres.ConnectionString, _schema, secret,
            NodeProcess.FreeLoopbackPort(), waitUntilReady);
        _nodes.Add(node);
        _everyProcess.Add(node);
        return node;
    }

    private void AssertEveryActivationHasItsOwnEpoch()
    {
        var activations = _logs.Concat(_nodes.Select(n => n.Output))
            .SelectMany(log => ActivationLine().Matches(log).Select(m => (Machine: m.Groups["machine"].Value, Epoch: m.Groups["epoch"].Value)))
            .ToList();
        Assert.NotEmpty(activations);
        var repeated = activations.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"started twice under one lease epoch: {string.Join(", ", repeated)}");
    }

    private void AssertNoMachineRanOnTwoNodesAtOnce()
    {
        var logs = _everyProcess.Select(p => p.Output).ToList();
        Assert.True(ActivationTimeline.Count(logs) >= 8, "the nodes logged too few activations to check");
        var overlaps = ActivationTimeline.Overlaps(logs, _kills);
        Assert.True(overlaps.Count == 0, "machines ran on two nodes at once:\n" + string.Join('\n', overlaps));
    }

    [GeneratedRegex(@"runs machine (?<machine>[0-9a-f-]{36}) \(lease epoch (?<epoch>\d+)\)")]
    private static partial Regex ActivationLine();

    private static async Task<string> AddPrinterAsync(HttpClient client, string name, string placement, string spool)
    {
        using var created = await client.PostAsJsonAsync("/api/machine/", new
        {
            name,
            machine_type = "label-printer",
            driver = "virtual-label-printer",
            placement,
        });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create answered {(int)created.StatusCode}: {body}");
        var pk = body.GetProperty("pk").GetString()!;
        await WaitAsync(async () =>
        {
            using var set = await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SPOOL_DIR/", new { value = spool });
            return set.StatusCode == HttpStatusCode.OK;
        }, $"{name} takes its spool setting");
        return pk;
    }

    private static async Task<string> PrintAsync(HttpClient client, string pk, string text)
    {
        using var response = await client.PostAsJsonAsync($"/api/machine/{pk}/print/",
            new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain" } } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"print answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<string?> JobState(HttpClient client, string pk, string job)
    {
        using var response = await client.GetAsync($"/api/machine/{pk}/jobs/{job}/");
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() : null;
    }

    private static async Task<object?> SettingAsync(HttpClient client, string pk, string key)
    {
        var setting = await client.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/D/{key}/");
        return setting.GetProperty("value").GetString();
    }

    private static async Task<HashSet<string>> UpNodes(HttpClient client)
    {
        using var response = await client.GetAsync("/api/cluster/nodes/");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(n => n.GetProperty("status").GetString() == "up").Select(n => n.GetProperty("name").GetString()!)];
    }

    private static async Task<Dictionary<string, MachineRow>> Machines(HttpClient client, bool? initialized)
    {
        var query = initialized is null ? "all" : initialized.Value ? "true" : "false";
        using var response = await client.GetAsync($"/api/machine/?initialized={query}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [];
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(
            m => m.GetProperty("pk").GetString()!,
            m => new MachineRow(m.GetProperty("node").GetString(), m.GetProperty("status").GetInt32(),
                [.. m.GetProperty("machine_errors").EnumerateArray().Select(e => e.GetString()!)]));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }

    private sealed record MachineRow(string? Node, int Status, IReadOnlyList<string> Errors);
}
