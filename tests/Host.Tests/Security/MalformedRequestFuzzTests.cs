using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// 1,000 generated malformed requests (<see cref="MalformedRequestGenerator"/>) against every endpoint that takes a
/// body or route values: each gets a 4xx with a JSON error that says what is wrong, within the request timeout, and
/// afterwards the machines, their settings and jobs, and the tokens are exactly as before. The seed is printed (and
/// in every failure); MACHINEACTORS_FUZZ_SEED replays one.
/// </summary>
public sealed class MalformedRequestFuzzTests : IClassFixture<NodeFactory>, IAsyncLifetime
{
    public const int Requests = 1000;

    /// <summary>The node's registry timeout (10 s) and a margin: no answer may take longer.</summary>
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(15);

    private readonly NodeFactory _node;
    private readonly ITestOutputHelper _output;
    private readonly HttpClient _admin;
    private readonly string _spool = Directory.CreateTempSubdirectory("machineactors-fuzz-").FullName;
    private FuzzTargets _fixture = null!;

    public MalformedRequestFuzzTests(NodeFactory node, ITestOutputHelper output)
    {
        _node = node;
        _output = output;
        _admin = node.ClientWithToken(NodeFactory.AdminToken);
    }

    public async Task InitializeAsync()
    {
        var api = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("fuzz-api"), machine_type = "test-printer", driver = "test-printer-api" });
        var (printer, job) = await SecurityApi.PrinterWithJob(_admin, _spool);
        var ipp = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("fuzz-ipp"), machine_type = "label-printer", driver = "ipp-label-printer", active = false });
        var printerName = JsonDocument.Parse(await _admin.GetStringAsync($"/api/machine/{printer}/")).RootElement.GetProperty("name").GetString()!;
        _fixture = new FuzzTargets(api, printer, job, ipp, printerName);
        await SecurityApi.Token(_admin, "viewer");
    }

    public Task DisposeAsync() => SecurityApi.DeleteSpoolOnceIdle(_admin, _fixture?.Printer, _spool);

    [Fact]
    public async Task A_thousand_malformed_requests_get_a_clear_4xx_each_and_change_nothing()
    {
        var seed = Environment.GetEnvironmentVariable("MACHINEACTORS_FUZZ_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        Report($"fuzz seed {seed} (replay with MACHINEACTORS_FUZZ_SEED={seed})");
        var generator = new MalformedRequestGenerator(seed, _fixture);
        var before = await SecurityApi.Snapshot(_admin);
        var spooled = Directory.GetFiles(_spool).Length;
        var failures = new List<(MalformedRequest Request, int Index, int Status, string Problem)>();
        var statuses = new SortedDictionary<int, int>();
        var targets = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        using var client = _node.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        for (var i = 0; i < Requests; i++)
        {
            var malformed = generator.Next();
            targets[malformed.Target] = targets.GetValueOrDefault(malformed.Target) + 1;
            var (status, problem, elapsed) = await Send(client, malformed);
            slowest = elapsed > slowest ? elapsed : slowest;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (problem is not null)
            {
                failures.Add((malformed, i, status, problem));
            }
        }
        Report($"fuzz: {Requests} requests in {clock.Elapsed.TotalSeconds:F1} s (slowest {slowest.TotalMilliseconds:F0} ms); answers: "
            + string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}")));
        Report("fuzz per endpoint: " + string.Join(", ", targets.Select(t => $"{t.Key} x{t.Value}")));
        // One line per kind of failure (endpoint, mutation, status) with its count and first example.
        var kinds = failures.GroupBy(f => (f.Request.Target, f.Request.Mutation, f.Status))
            .Select(g => $"{g.Count()} x #{g.First().Index} {g.First().Request}: {g.First().Problem}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {Requests} malformed requests were not refused cleanly:\n"
            + string.Join("\n", kinds));
        Assert.True(targets.Count >= 15, $"seed {seed}: only {targets.Count} endpoints were exercised");
        Assert.Equal(before, await SecurityApi.Snapshot(_admin));
        Assert.Equal(spooled, Directory.GetFiles(_spool).Length);
    }

    /// <summary>To the test's output and to the console, so the seed is in every run's log, passed or failed.</summary>
    private void Report(string line)
    {
        _output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>The answer's status, what is wrong with it (null when it is a clear 4xx), and how long it took.</summary>
    private static async Task<(int Status, string? Problem, TimeSpan Elapsed)> Send(HttpClient client, MalformedRequest malformed)
    {
        using var request = malformed.ToHttpRequest(NodeFactory.AdminToken);
        using var timeout = new CancellationTokenSource(s_requestTimeout);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (0, $"no answer within {s_requestTimeout.TotalSeconds:0} s", clock.Elapsed);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed;
            var shown = text.Length > 300 ? text[..300] + "..." : text;
            if (status is < 400 or >= 500)
            {
                return (status, $"answered {status}: {shown}", elapsed);
            }
            if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json"))
            {
                return (status, $"answered {status} with content type '{response.Content.Headers.ContentType}': {shown}", elapsed);
            }
            return (status, ClearError(text) ? null : $"answered {status} without a clear error: {shown}", elapsed);
        }
    }

    /// <summary>A JSON object with a non-empty "detail", or field errors: each field a non-empty list of non-empty messages.</summary>
    private static bool ClearError(string text)
    {
        JsonElement error;
        try
        {
            error = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return false;
        }
        if (error.ValueKind != JsonValueKind.Object || !error.EnumerateObject().Any())
        {
            return false;
        }
        if (error.TryGetProperty("detail", out var detail))
        {
            return detail.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(detail.GetString());
        }
        return error.EnumerateObject().All(field => field.Value.ValueKind == JsonValueKind.Array && field.Value.GetArrayLength() > 0
            && field.Value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(m.GetString())));
    }
}
