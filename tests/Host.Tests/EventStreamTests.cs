using System.Net;
using System.Net.Http.Json;

namespace MachineActors.Host.Tests;

public sealed class EventStreamTests : IClassFixture<NodeFactory>
{
    private readonly NodeFactory _node;

    public EventStreamTests(NodeFactory node) => _node = node;

    [Fact]
    public async Task The_event_stream_reports_a_failing_machine()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var viewer = _node.ClientWithToken(NodeFactory.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/");
        using var response = await viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: hello", await reader.ReadLineAsync(timeout.Token));

        var name = $"failing-{Guid.NewGuid():N}"[..20];
        var created = await viewer.PostAsJsonAsync("/api/machine/", new { name, machine_type = "test-printer", driver = "test-printer-init-error" }, timeout.Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string? line;
        string? data = null;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null)
        {
            if (line == "event: machine-failed")
            {
                data = await reader.ReadLineAsync(timeout.Token);
                break;
            }
        }
        Assert.NotNull(data);
        Assert.StartsWith("data: {", data, StringComparison.Ordinal);
        Assert.Contains($"\"name\":\"{name}\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_reports_machine_state_changes_with_named_states()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var admin = _node.ClientWithToken(NodeFactory.AdminToken);
        var created = await admin.PostAsJsonAsync("/api/machine/", new { name = $"evt-{Guid.NewGuid():N}"[..20], machine_type = "test-printer", driver = "test-printer-api" }, timeout.Token);
        var pk = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(timeout.Token)).GetProperty("pk").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: hello", await reader.ReadLineAsync(timeout.Token));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/machine/{pk}/restart/", null, timeout.Token)).StatusCode);
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null)
        {
            if (line == "event: machine" && await reader.ReadLineAsync(timeout.Token) is { } data && data.Contains(pk!, StringComparison.Ordinal)
                && data.Contains("Restarting...", StringComparison.Ordinal))
            {
                return;
            }
        }
        Assert.Fail("no machine event for the restart");
    }

    [Fact]
    public async Task The_event_stream_needs_a_token()
    {
        var response = await _node.ClientWithToken(null).GetAsync("/api/events/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
