using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests;

/// <summary>InvenTree's machine API tests (machine/test_api.py) re-expressed against a node, plus auth and bad input.</summary>
public sealed class MachineApiTests : IClassFixture<NodeFactory>
{
    private const string Type = "test-printer";
    private const string Driver = "test-printer-api";
    private readonly NodeFactory _node;
    private readonly HttpClient _admin;

    public MachineApiTests(NodeFactory node)
    {
        _node = node;
        _admin = node.ClientWithToken(NodeFactory.AdminToken);
    }

    private async Task<JsonElement> Create(string name, string driver = Driver, string type = Type)
    {
        var response = await _admin.PostAsJsonAsync("/api/machine/", new { name, machine_type = type, driver });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Machine_types_and_drivers_are_listed_with_their_errors()
    {
        var types = await _admin.GetFromJsonAsync<JsonElement>("/api/machine/types/");
        var type = types.EnumerateArray().Single(t => t.GetProperty("slug").GetString() == Type);
        Assert.Equal("Test printer", type.GetProperty("name").GetString());
        Assert.False(type.GetProperty("is_builtin").GetBoolean());

        var drivers = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/drivers/?machine_type={Type}");
        var slugs = drivers.EnumerateArray().Select(d => d.GetProperty("slug").GetString()).ToList();
        Assert.Contains(Driver, slugs);
        Assert.All(drivers.EnumerateArray(), d => Assert.Equal(Type, d.GetProperty("machine_type").GetString()));
        var api = drivers.EnumerateArray().Single(d => d.GetProperty("slug").GetString() == Driver);
        Assert.Equal(0, api.GetProperty("driver_errors").GetArrayLength());
        // A driver that fails validation is not registered: its problem is a registry error.
        Assert.DoesNotContain("test-printer-not-implemented", slugs);
        var status = await _admin.GetFromJsonAsync<JsonElement>("/api/machine/status/");
        Assert.Contains(status.GetProperty("registry_errors").EnumerateArray(),
            e => e.GetProperty("message").GetString()!.Contains("did not override any of the required methods: PrintLabel or PrintLabels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registry_status_lists_registry_errors()
    {
        var status = await _admin.GetFromJsonAsync<JsonElement>("/api/machine/status/");
        var messages = status.GetProperty("registry_errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("Cannot re-register driver 'test-printer-error'", messages);
    }

    [Fact]
    public async Task A_machine_is_created_read_changed_and_deleted()
    {
        var name = Unique("printer");
        var created = await Create(name);
        var pk = created.GetProperty("pk").GetString();
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal(Type, created.GetProperty("machine_type").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.True(created.GetProperty("is_driver_available").GetBoolean());
        Assert.Equal(0, created.GetProperty("machine_errors").GetArrayLength());

        var detail = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.True(detail.GetProperty("initialized").GetBoolean());
        Assert.NotEqual(-1, detail.GetProperty("status").GetInt32());

        var renamed = await _admin.PatchAsJsonAsync($"/api/machine/{pk}/", new { name = name + "-b", active = false });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var after = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name + "-b", after.GetProperty("name").GetString());
        Assert.False(after.GetProperty("active").GetBoolean());

        var replaced = await _admin.PutAsJsonAsync($"/api/machine/{pk}/", new { name = name + "-c", active = true });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(name + "-c", (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PatchAsJsonAsync($"/api/machine/{pk}/", new { driver = "other" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/machine/{pk}/")).StatusCode);
        var gone = await _admin.GetAsync($"/api/machine/{pk}/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal($"Machine '{pk}' not found", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_driver_is_created_with_a_machine_error_as_in_InvenTree()
    {
        var created = await Create(Unique("nodriver"), driver: "no-such-driver");
        Assert.Equal(["Driver 'no-such-driver' not found"], created.GetProperty("machine_errors").EnumerateArray().Select(e => e.GetString()));
        Assert.False(created.GetProperty("is_driver_available").GetBoolean());
        Assert.False(created.GetProperty("initialized").GetBoolean());
    }

    [Fact]
    public async Task Duplicate_blank_and_unknown_type_machines_are_refused_and_nothing_changes()
    {
        var name = Unique("dup");
        await Create(name);
        var before = await _admin.GetStringAsync("/api/machine/");
        var duplicate = await _admin.PostAsJsonAsync("/api/machine/", new { name, machine_type = Type, driver = Driver });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await duplicate.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("name", out _));
        var blank = await _admin.PostAsJsonAsync("/api/machine/", new { name = "  ", machine_type = Type, driver = Driver });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var unknownType = await _admin.PostAsJsonAsync("/api/machine/", new { name = Unique("t"), machine_type = "no-such-type", driver = Driver });
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.True((await unknownType.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("machine_type", out _));
        Assert.Equal(before, await _admin.GetStringAsync("/api/machine/"));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": 5, \"machine_type\": \"test-printer\", \"driver\": \"test-printer-api\"}")]
    [InlineData("{\"name\": \"x\", \"machine_type\": \"test-printer\", \"driver\": \"test-printer-api\", \"active\": \"yes\"}")]
    public async Task Malformed_or_mistyped_bodies_get_400_and_change_nothing(string json)
    {
        var before = await _admin.GetStringAsync("/api/machine/");
        var response = await _admin.PostAsync("/api/machine/", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await _admin.GetStringAsync("/api/machine/"));
    }

    [Fact]
    public async Task Settings_list_machine_settings_first_and_validate_changes()
    {
        var pk = (await Create(Unique("settings"))).GetProperty("pk").GetString();
        var settings = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/");
        var keys = settings.EnumerateArray().Select(s => (s.GetProperty("config_type").GetString(), s.GetProperty("key").GetString())).ToList();
        Assert.Equal(("M", "LOCATION"), keys[0]);
        Assert.Contains(("D", "TEST_SETTING"), keys);
        Assert.True(keys.FindIndex(k => k.Item1 == "D") > keys.FindLastIndex(k => k.Item1 == "M"));

        var changed = await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/TEST_SETTING/", new { value = "hello" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("hello", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());
        var read = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/D/TEST_SETTING/");
        Assert.Equal("hello", read.GetProperty("value").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/machine/{pk}/settings/X/TEST_SETTING/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/TEST_SETTING/", new { other = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/machine/{pk}/settings/D/NO_SUCH_KEY/")).StatusCode);
    }

    [Fact]
    public async Task Protected_settings_are_never_echoed()
    {
        var pk = (await Create(Unique("ipp"), driver: "ipp-label-printer", type: "label-printer")).GetProperty("pk").GetString();
        const string secret = "s3cret-printer-password";
        var changed = await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/PASSWORD/", new { value = secret });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var answers = new[]
        {
            await changed.Content.ReadAsStringAsync(),
            await _admin.GetStringAsync($"/api/machine/{pk}/settings/D/PASSWORD/"),
            await _admin.GetStringAsync($"/api/machine/{pk}/settings/"),
            await _admin.GetStringAsync($"/api/machine/{pk}/"),
            await _admin.GetStringAsync("/api/machine/"),
        };
        Assert.All(answers, answer => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal));
        Assert.Equal("***", (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/D/PASSWORD/")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Restart_answers_ok_and_the_driver_sets_its_status_text()
    {
        var pk = (await Create(Unique("restart"))).GetProperty("pk").GetString();
        var restarted = await _admin.PostAsync($"/api/machine/{pk}/restart/", null);
        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        Assert.True((await restarted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
        var detail = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal("Restarting...", detail.GetProperty("status_text").GetString());
    }

    [Fact]
    public async Task Lists_filter_and_paginate()
    {
        var prefix = Unique("page");
        for (var i = 0; i < 3; i++)
        {
            await Create($"{prefix}-{i}");
        }
        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/?search={prefix}&limit=2&offset=0");
        Assert.Equal(3, page.GetProperty("count").GetInt32());
        Assert.Equal(2, page.GetProperty("results").GetArrayLength());
        Assert.Contains("offset=2", page.GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        var filtered = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/?search={prefix}&driver=other-driver");
        Assert.Equal(0, filtered.GetArrayLength());
        var byType = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/?search={prefix}&machine_type={Type}");
        Assert.Equal(3, byType.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.GetAsync("/api/machine/?limit=zero")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.GetAsync("/api/machine/?active=maybe")).StatusCode);
    }

    [Fact]
    public async Task Roles_gate_the_machine_endpoints()
    {
        var pk = (await Create(Unique("roles"))).GetProperty("pk").GetString();
        var viewer = await Token("viewer");
        var operatorClient = await Token("operator");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/machine/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/machine/{pk}/restart/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/machine/{pk}/restart/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync($"/api/machine/{pk}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/machine/", new { name = "x", machine_type = Type, driver = Driver })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.ClientWithToken(null).GetAsync("/api/machine/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/machine/{pk}/")).StatusCode);
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/machine/{Guid.NewGuid()}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/machine/not-a-uuid/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/machine/{Guid.NewGuid()}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync($"/api/machine/{Guid.NewGuid()}/restart/", null)).StatusCode);
    }

    private async Task<HttpClient> Token(string role)
    {
        var created = await _admin.PostAsJsonAsync("/api/tokens/", new { name = role, role });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        return _node.ClientWithToken(secret);
    }
}
