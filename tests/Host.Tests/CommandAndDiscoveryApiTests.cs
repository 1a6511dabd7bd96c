using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests;

public sealed class CommandAndDiscoveryApiTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private readonly HttpClient _admin = node.ClientWithToken(NodeFactory.AdminToken);

    private async Task<string> ApiMachine()
    {
        var created = await _admin.PostAsJsonAsync("/api/machine/", new { name = $"cmd-{Guid.NewGuid():N}"[..20], machine_type = "test-printer", driver = "test-printer-api" });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
    }

    private Task<HttpResponseMessage> Command(string pk, string json) =>
        _admin.PostAsync($"/api/machine/{pk}/command/", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Commands_follow_OctoPrints_rules()
    {
        var pk = await ApiMachine();
        var ok = await Command(pk, "{\"command\": \"custom_func\", \"x\": 6, \"y\": 7}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(42, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetInt32());

        var unknown = await Command(pk, "{\"command\": \"launch_rockets\"}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("command is invalid", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var missing = await Command(pk, "{\"command\": \"custom_func\", \"x\": 6}");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Mandatory parameters missing", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await Command(pk, "{\"x\": 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Command(pk, "{\"command\": \"custom_func\", \"x\": \"six\", \"y\": 7}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Command(Guid.NewGuid().ToString(), "{\"command\": \"custom_func\"}")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_machine_api()
    {
        var document = await node.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        // The document lists routes without their trailing slash.
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/machine", paths);
        Assert.Contains("/api/machine/{pk}/print", paths);
        Assert.Contains("/api/machine/{pk}/command", paths);
        Assert.Contains("/api/machine/{pk}/settings/{configType}/{key}", paths);
    }

    [Fact]
    public async Task A_single_node_lists_itself()
    {
        var nodes = await _admin.GetFromJsonAsync<JsonElement>("/api/cluster/nodes/");
        var self = Assert.Single(nodes.EnumerateArray());
        Assert.Equal("local", self.GetProperty("name").GetString());
        Assert.Equal("up", self.GetProperty("status").GetString());
        Assert.True(self.GetProperty("self").GetBoolean());
    }
}
