using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace MachineActors.Acceptance;

/// <summary>
/// Print jobs across SIGKILLs: every accepted job is there exactly once after a restart, a retried idempotency key
/// never makes a second job, a job cut off while printing is reported interrupted and never printed again, and
/// queued jobs complete. Final states never change afterwards.
/// </summary>
public sealed class PrintCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 8;
    private const int Clients = 3;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("machineactors-printcrash-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Accepted_jobs_are_never_lost_or_printed_twice_across_kill_9()
    {
        var spool = Path.Combine(_dataDir, "spool");
        var accepted = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var inFlight = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var finalStates = new Dictionary<string, string>(StringComparer.Ordinal);
        var interrupted = 0;
        string printer;
        await using (var node = await NodeProcess.Start(_dataDir))
        {
            using var client = node.Client();
            printer = await CreatePrinter(client, spool);
        }
        var random = new Random(Environment.TickCount);
        for (var round = 1; round <= Rounds + 1; round++)
        {
            await using var node = await NodeProcess.Start(_dataDir, "sqlite", "--Logging:LogLevel:Default=Warning");
            using var client = node.Client();
            try
            {
            var jobs = await Jobs(client, printer);
            Assert.True(jobs.Select(j => j.Id).Distinct().Count() == jobs.Count, $"round {round}: a job is listed twice");
            var keys = jobs.Where(j => j.Key is not null).GroupBy(j => j.Key!).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(keys.Count == 0, $"round {round}: idempotency keys used twice: {string.Join(", ", keys)}");
            foreach (var job in jobs)
            {
                if (finalStates.TryGetValue(job.Id, out var final))
                {
                    Assert.True(final == job.State, $"round {round}: job {job.Id} went from {final} to {job.State}");
                }
                else if (job.State is "completed" or "failed" or "interrupted")
                {
                    finalStates[job.Id] = job.State;
                    interrupted += job.State == "interrupted" ? 1 : 0;
                }
                Assert.True(job.Key is null || accepted.ContainsKey(job.Key) || inFlight.ContainsKey(job.Key), $"round {round}: job {job.Id} was never asked for");
            }
            // A retried key answers with its job (200): an acknowledged job was stored and is never made twice.
            // (The jobs list keeps only the newest finished jobs; idempotency keys are kept for good.)
            foreach (var (key, id) in accepted)
            {
                var retry = await Submit(client, printer, key, CancellationToken.None);
                Assert.Equal((HttpStatusCode.OK, id), retry);
            }
            }
            catch (Exception)
            {
                output.WriteLine(node.Output);
                throw;
            }
            if (round > Rounds)
            {
                break;
            }
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var key = $"r{round}-c{c}-{n}";
                    inFlight[key] = 0;
                    try
                    {
                        var (status, id) = await Submit(client, printer, key, stop.Token);
                        Assert.Equal(HttpStatusCode.Accepted, status);
                        accepted[key] = id;
                        inFlight.TryRemove(key, out _);
                        await Task.Delay(20, stop.Token);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToArray();
            await Task.Delay(random.Next(300, 1500));
            await node.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        // The last node runs until every job is final; then each completed job's labels are in the spool once.
        await using (var last = await NodeProcess.Start(_dataDir))
        {
            using var client = last.Client();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<JobRow> jobs;
            while ((jobs = await Jobs(client, printer)).Any(j => j.State is "queued" or "printing"))
            {
                Assert.True(DateTime.UtcNow < deadline, "jobs did not finish within 60 s");
                await Task.Delay(100);
            }
            foreach (var job in jobs.Where(j => j.State == "completed"))
            {
                Assert.Single(Directory.GetFiles(spool, $"{job.Id}_*"));
            }
            output.WriteLine($"{accepted.Count} jobs accepted; {jobs.Count(j => j.State == "completed")} completed, {interrupted} interrupted by kills.");
            Assert.True(accepted.Count >= Rounds, $"only {accepted.Count} jobs were accepted");
        }
    }

    private static async Task<string> CreatePrinter(HttpClient client, string spool)
    {
        var created = await client.PostAsJsonAsync("/api/machine/", new { name = "crash printer", machine_type = "label-printer", driver = "virtual-label-printer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pk = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SPOOL_DIR/", new { value = spool })).StatusCode);
        // Slow enough that kills land while a job is printing.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/DELAY_MS/", new { value = 10 })).StatusCode);
        return pk;
    }

    private static async Task<(HttpStatusCode Status, string Id)> Submit(HttpClient client, string printer, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/machine/{printer}/print/")
        {
            Content = JsonContent.Create(new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)), content_type = "text/plain" } } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(body.TryGetProperty("id", out var id), $"print answered {(int)response.StatusCode}: {body}");
        return (response.StatusCode, id.GetString()!);
    }

    private static async Task<List<JobRow>> Jobs(HttpClient client, string printer) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/machine/{printer}/jobs/")).EnumerateArray().Select(j => new JobRow(
            j.GetProperty("id").GetString()!, j.GetProperty("state").GetString()!, j.GetProperty("idempotency_key").GetString()))];

    private sealed record JobRow(string Id, string State, string? Key);
}
