using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MachineActors.Acceptance;
using MachineActors.Actors;
using MachineActors.Actors.Persistence.Tests.PostgreSql;

namespace MachineActors.Reliability.Security;

/// <summary>
/// The cluster the hostile peers attack: a front-end and a station as node processes on a private PostgreSQL, and a
/// virtual printer placed on the station, reached (and printed on) through the front-end.
/// </summary>
public sealed class HostileCluster : IAsyncLifetime
{
    public const string Secret = "security-cluster-secret-0123456789";

    private readonly PrivatePostgres _postgres = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"machineactors-hostile-{Guid.NewGuid():N}");
    private int _jobs;

    public NodeProcess Frontend { get; private set; } = null!;

    public NodeProcess Station { get; private set; } = null!;

    /// <summary>The station's cluster port, the one under attack.</summary>
    public int StationPort { get; private set; }

    /// <summary>The station's cluster address, as its handshake names it.</summary>
    public Address StationAddress { get; private set; } = null!;

    /// <summary>The virtual printer that runs on the station.</summary>
    public string Printer { get; private set; } = null!;

    public string Spool => Path.Combine(_root, "spool");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Spool);
        await _postgres.InitializeAsync();
        var schema = PrivatePostgres.NewSchemaName("hostile");
        Frontend = await NodeProcess.StartClusterNode("frontend", "frontend", Path.Combine(_root, "frontend"), _postgres.ConnectionString, schema, Secret,
            NodeProcess.FreeLoopbackPort());
        StationPort = NodeProcess.FreeLoopbackPort();
        Station = await NodeProcess.StartClusterNode("station", "station", Path.Combine(_root, "station"), _postgres.ConnectionString, schema, Secret, StationPort);
        using var client = Frontend.Client();
        await WaitAsync(async () => (await UpNodes(client)).SetEquals(["frontend", "station"]), "both nodes are up");
        using var station = Station.Client();
        var health = await station.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.True(Address.TryParse(health.GetProperty("cluster_address").GetString()!, out var address));
        StationAddress = address;

        using var created = await client.PostAsJsonAsync("/api/machine/", new
        {
            name = "printer on the station",
            machine_type = "label-printer",
            driver = "virtual-label-printer",
            placement = "station",
            settings = new[] { new { config_type = "D", key = "SPOOL_DIR", value = Spool } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Printer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
        await AssertServesAsync("before any attack");
    }

    public async Task DisposeAsync()
    {
        await Frontend.DisposeAsync();
        await Station.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// The station is still a healthy member: it answers on its HTTP port, the front-end sees it up, and a job sent to
    /// its printer through the front-end (over the station's cluster connection) prints.
    /// </summary>
    public async Task AssertServesAsync(string when)
    {
        Assert.True(Station.ExitCode is null, $"the station exited ({Station.ExitCode}) {when}:\n{Station.Output}");
        // A hostile peer is a warning; nothing it sends may make the station log an error (systemd levels 0-3).
        var errors = Station.Output.Split('\n').Where(line => line.Length > 2 && line[0] == '<' && line[1] is >= '0' and <= '3').ToList();
        Assert.True(errors.Count == 0, $"the station logged errors {when}:\n{string.Join('\n', errors)}");
        using (var station = Station.Client())
        using (var health = await station.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        using var client = Frontend.Client();
        Assert.Contains("station", await UpNodes(client));
        await WaitAsync(async () =>
        {
            using var machine = await client.GetAsync($"/api/machine/{Printer}/");
            return machine.StatusCode == HttpStatusCode.OK && (await machine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("initialized").GetBoolean();
        }, $"the front-end reaches the station's printer {when}");
        var text = $"job {Interlocked.Increment(ref _jobs)} {when}";
        using var printed = await client.PostAsJsonAsync($"/api/machine/{Printer}/print/",
            new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain" } } });
        var body = await printed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(printed.StatusCode == HttpStatusCode.Accepted, $"print {when} answered {(int)printed.StatusCode}: {body}");
        var job = body.GetProperty("id").GetString()!;
        await WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/machine/{Printer}/jobs/{job}/")).GetProperty("state").GetString() == "completed",
            $"the station prints a job sent through the front-end {when}");
        Assert.Single(Directory.GetFiles(Spool, $"{job}_*"));
    }

    /// <summary>Waits until the station's log has <paramref name="count"/> lines containing <paramref name="text"/>.</summary>
    public Task WaitForStationLogAsync(string text, int count = 1) =>
        WaitAsync(() => Task.FromResult(StationLogLines(text) >= count), $"the station logs \"{text}\" ({count}x)", TimeSpan.FromSeconds(20));

    public int StationLogLines(string text) => Station.Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

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

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
