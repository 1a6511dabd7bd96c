using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests;

/// <summary>Printing through the API on the virtual label printer: jobs, progress, idempotency, failures, bad input.</summary>
public sealed class PrintApiTests : IClassFixture<NodeFactory>, IDisposable
{
    private readonly NodeFactory _node;
    private readonly HttpClient _admin;
    private readonly string _spool = Directory.CreateTempSubdirectory("machineactors-spool-").FullName;

    public PrintApiTests(NodeFactory node)
    {
        _node = node;
        _admin = node.ClientWithToken(NodeFactory.AdminToken);
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private async Task<string> VirtualPrinter(string simulate = "none")
    {
        var created = await _admin.PostAsJsonAsync("/api/machine/", new { name = $"virtual-{Guid.NewGuid():N}"[..20], machine_type = "label-printer", driver = "virtual-label-printer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pk = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SPOOL_DIR/", new { value = _spool })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SIMULATE/", new { value = simulate })).StatusCode);
        return pk;
    }

    private static object Job(string text, int copies = 1) =>
        new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain", name = "label" } }, copies };

    private async Task<JsonElement> WaitForFinal(string pk, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var job = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/{jobId}/");
            if (job.GetProperty("state").GetString() is "completed" or "failed" or "interrupted")
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} is still {job.GetProperty("state").GetString()}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_job_is_accepted_printed_with_its_copies_and_completes()
    {
        var pk = await VirtualPrinter();
        var response = await _admin.PostAsJsonAsync($"/api/machine/{pk}/print/", Job("Shelf A-12", copies: 2));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/machine/{pk}/jobs/{jobId}/", response.Headers.Location?.OriginalString);

        var done = await WaitForFinal(pk, jobId);
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        var files = Directory.GetFiles(_spool, $"{jobId}*").Order().ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal("Shelf A-12", File.ReadAllText(f)));
        var jobs = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/");
        Assert.Equal(jobId, jobs[0].GetProperty("id").GetString());
        var machine = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal(100, machine.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_same_idempotency_key_never_prints_twice()
    {
        var pk = await VirtualPrinter();
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/machine/{pk}/print/") { Content = JsonContent.Create(Job("once")) };
        first.Headers.Add("Idempotency-Key", "order-4711");
        var accepted = await (await _admin.SendAsync(first)).Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("id").GetString()!;
        await WaitForFinal(pk, jobId);

        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/machine/{pk}/print/") { Content = JsonContent.Create(Job("once")) };
        retry.Headers.Add("Idempotency-Key", "order-4711");
        var again = await _admin.SendAsync(retry);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(jobId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Single(await _admin.GetFromJsonAsync<JsonElement[]>($"/api/machine/{pk}/jobs/") ?? []);
        Assert.Single(Directory.GetFiles(_spool, "*"));
    }

    [Fact]
    public async Task A_printer_out_of_media_fails_the_job_and_shows_no_media()
    {
        var pk = await VirtualPrinter(simulate: "media-out");
        var accepted = await (await _admin.PostAsJsonAsync($"/api/machine/{pk}/print/", Job("x"))).Content.ReadFromJsonAsync<JsonElement>();
        var done = await WaitForFinal(pk, accepted.GetProperty("id").GetString()!);
        Assert.Equal("failed", done.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("error").GetString()));
        var machine = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal(301, machine.GetProperty("status").GetInt32());
        Assert.Empty(Directory.GetFiles(_spool, "*"));
    }

    [Theory]
    [InlineData("{\"labels\": []}", "labels")]
    [InlineData("{\"labels\": [{\"content\": \"not base64!\", \"content_type\": \"text/plain\"}]}", "labels")]
    [InlineData("{\"labels\": [{\"content\": \"eA==\"}]}", "labels")]
    [InlineData("{\"labels\": [{\"content\": \"eA==\", \"content_type\": \"text/plain\"}], \"copies\": 0}", "detail")]
    [InlineData("{\"labels\": [{\"content\": \"eA==\", \"content_type\": \"text/plain\"}], \"copies\": \"many\"}", "detail")]
    [InlineData("{\"labels\": [{\"content\": \"eA==\", \"content_type\": \"text/plain\"}], \"options\": 5}", "options")]
    [InlineData("{\"labels\": ", "detail")]
    public async Task Bad_print_requests_get_400_and_print_nothing(string json, string field)
    {
        var pk = await VirtualPrinter();
        var response = await _admin.PostAsync($"/api/machine/{pk}/print/", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty(field, out _));
        Assert.Empty(await _admin.GetFromJsonAsync<JsonElement[]>($"/api/machine/{pk}/jobs/") ?? []);
    }

    [Fact]
    public async Task Printing_needs_a_printing_machine_and_the_operator_role()
    {
        var notAPrinter = await _admin.PostAsJsonAsync("/api/machine/", new { name = $"scale-{Guid.NewGuid():N}"[..20], machine_type = "test-printer", driver = "test-printer-api" });
        var other = (await notAPrinter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsJsonAsync($"/api/machine/{other}/print/", Job("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/machine/{Guid.NewGuid()}/print/", Job("x"))).StatusCode);
        var pk = await VirtualPrinter();
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/machine/{pk}/jobs/{Guid.NewGuid()}/")).StatusCode);
        var token = await _admin.PostAsJsonAsync("/api/tokens/", new { name = "viewer", role = "viewer" });
        var viewer = _node.ClientWithToken((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/machine/{pk}/print/", Job("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/machine/{pk}/jobs/")).StatusCode);
    }
}
