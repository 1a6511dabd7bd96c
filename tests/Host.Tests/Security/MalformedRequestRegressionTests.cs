using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// What the fuzzer found, one test each: every request here was answered 5xx, with a body that was not a JSON error,
/// or accepted (changing state) before its fix.
/// </summary>
public sealed class MalformedRequestRegressionTests : IClassFixture<NodeFactory>, IAsyncLifetime
{
    private readonly NodeFactory _node;
    private readonly HttpClient _admin;
    private readonly string _spool = Directory.CreateTempSubdirectory("machineactors-regress-").FullName;
    private string _machine = null!;
    private string _printer = null!;

    public MalformedRequestRegressionTests(NodeFactory node)
    {
        _node = node;
        _admin = node.ClientWithToken(NodeFactory.AdminToken);
    }

    public async Task InitializeAsync()
    {
        _machine = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("regress"), machine_type = "test-printer", driver = "test-printer-api" });
        (_printer, _) = await SecurityApi.PrinterWithJob(_admin, _spool);
    }

    public Task DisposeAsync() => SecurityApi.DeleteSpoolOnceIdle(_admin, _printer, _spool);

    [Theory]
    [InlineData("/api/machine/", """{"name": "\ud800lone", "machine_type": "test-printer", "driver": "test-printer-api"}""")]
    [InlineData("/api/machine/{printer}/print/", """{"labels": [{"content": "\udc00Zm9v", "content_type": "text/plain"}]}""")]
    [InlineData("/api/machine/{machine}/command/", """{"command": "custom_func", "x": 6, "y": 7, "\ud800": 1}""")]
    [InlineData("/api/tokens/", """{"name": "a\ud83d", "role": "viewer"}""")]
    public async Task A_string_with_an_unpaired_surrogate_is_a_400_not_a_500(string path, string json)
    {
        // The JSON is well formed (an escaped surrogate), but no string can be read from it.
        await AssertRefused(HttpMethod.Post, Path(path), json, HttpStatusCode.BadRequest, "not valid Unicode");
    }

    [Theory]
    [InlineData("/api/machine/", "{\"name\": \"fuzz\u00ff\", \"machine_type\": \"test-printer\", \"driver\": \"test-printer-api\"}")]
    [InlineData("/api/tokens/", "{\"name\": \"fuzz\", \"role\": \"viewer\u00ff\"}")]
    [InlineData("/api/machine/{machine}/command/", "{\"command\": \"custom_func\", \"x\": 6, \"y\": 7, \"\u00ff\": 1}")]
    public async Task A_string_that_is_not_UTF8_is_a_400_not_a_500(string path, string json)
    {
        // U+00FF stands for a lone 0xFF byte: the parser lets it through inside a string, and reading it threw.
        var bytes = Encoding.UTF8.GetBytes(json.Replace('\u00ff', '#')).Select(b => b == (byte)'#' ? (byte)0xFF : b).ToArray();
        var before = await SecurityApi.Snapshot(_admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path(path)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Token", NodeFactory.AdminToken);
        using var response = await _node.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {text}");
        Assert.Contains("not valid Unicode", text, StringComparison.Ordinal);
        Assert.Equal(before, await SecurityApi.Snapshot(_admin));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("42")]
    [InlineData("{\"first\": \"label\"}")]
    [InlineData("201 characters")]
    public async Task A_label_name_that_is_not_a_short_string_is_refused(string name)
    {
        // Before: a name of another type was dropped silently and the job printed.
        name = name == "201 characters" ? JsonSerializer.Serialize(new string('n', 201)) : name;
        var json = $$"""{"labels": [{"content": "Zm9v", "content_type": "text/plain", "name": {{name}}}]}""";
        await AssertRefused(HttpMethod.Post, $"/api/machine/{_printer}/print/", json, HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_content_type_longer_than_200_characters_is_refused()
    {
        var json = $$"""{"labels": [{"content": "Zm9v", "content_type": "text/{{new string('x', 300)}}"}]}""";
        await AssertRefused(HttpMethod.Post, $"/api/machine/{_printer}/print/", json, HttpStatusCode.BadRequest, "content_type");
    }

    [Theory]
    [InlineData("{\"name\": \"t\", \"role\": \"3\"}", "role")]
    [InlineData("{\"name\": \"t\", \"role\": \"1\"}", "role")]
    [InlineData("{\"name\": \"t\", \"role\": \"viewer,admin\"}", "role")]
    [InlineData("{\"name\": \"t\", \"role\": \" admin\"}", "role")]
    [InlineData("{\"name\": \"t\", \"role\": 3}", "role")]
    [InlineData("{\"name\": 5, \"role\": \"viewer\"}", "name")]
    [InlineData("{\"name\": \"t\", \"role\": \"viewer\",}", "Malformed JSON")]
    [InlineData("[{\"name\": \"t\", \"role\": \"viewer\"}]", "JSON object")]
    [InlineData("", "Malformed JSON")]
    public async Task A_token_request_that_is_not_exactly_a_name_and_a_role_is_a_clear_400(string json, string reason)
    {
        // Before: "3" and "viewer,admin" made admin tokens (Enum.TryParse), the rest were bare or HTML 400s.
        await AssertRefused(HttpMethod.Post, "/api/tokens/", json, HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task A_token_request_over_256_KiB_or_not_declared_as_JSON_is_refused()
    {
        // Before: a 6 MB request made a token, and a form post got a bare 415.
        var huge = $$"""{"name": "t", "role": "viewer", "padding": "{{new string('p', 300 * 1024)}}"}""";
        await AssertRefused(HttpMethod.Post, "/api/tokens/", huge, HttpStatusCode.RequestEntityTooLarge, "larger than");
        await AssertRefused(HttpMethod.Post, "/api/tokens/", "{\"name\": \"t\", \"role\": \"viewer\"}", HttpStatusCode.BadRequest, "Content-Type", "application/x-www-form-urlencoded");
    }

    [Theory]
    [InlineData("DELETE", "/api/tokens/not-a-uuid/")]
    [InlineData("DELETE", "/api/tokens/00000000-0000-0000-0000-000000000000/")]
    [InlineData("GET", "/api/no-such-thing/")]
    [InlineData("GET", "/api/machine/{machine}/settings/D/")]
    [InlineData("POST", "/api/machine/{machine}/restart/extra/")]
    public async Task Unknown_api_paths_and_ids_get_a_404_with_a_reason(string method, string path)
    {
        await AssertRefused(new HttpMethod(method), Path(path), null, HttpStatusCode.NotFound, "not found");
    }

    [Theory]
    [InlineData("POST", "/api/machine/status/")]
    [InlineData("PATCH", "/api/tokens/")]
    [InlineData("POST", "/api/events/")]
    public async Task A_method_an_endpoint_does_not_take_gets_a_405_with_a_reason(string method, string path)
    {
        await AssertRefused(new HttpMethod(method), path, null, HttpStatusCode.MethodNotAllowed, "not allowed");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("Label Printer")]
    [InlineData("dr\u00efver")]
    public async Task A_driver_that_is_not_a_slug_is_refused_and_nothing_is_created(string driver)
    {
        // Before: it was created as a machine with an unknown driver, which no driver could ever be.
        var json = JsonSerializer.Serialize(new { name = SecurityApi.Unique("slug"), machine_type = "test-printer", driver });
        await AssertRefused(HttpMethod.Post, "/api/machine/", json, HttpStatusCode.BadRequest, "driver");
    }

    [Fact]
    public async Task A_machine_type_whose_slug_contains_name_is_reported_on_machine_type()
    {
        var json = JsonSerializer.Serialize(new { name = SecurityApi.Unique("type"), machine_type = "name-printer", driver = "test-printer-api" });
        using var response = await _admin.PostAsync("/api/machine/", SecurityApi.Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(errors.TryGetProperty("machine_type", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("name", out _), errors.ToString());
    }

    [Fact]
    public async Task The_largest_limit_and_offset_give_an_empty_last_page()
    {
        // Before: offset + limit wrapped around to a negative number, and the page linked to a "next" one.
        var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/?limit={int.MaxValue}&offset={int.MaxValue}");
        Assert.Equal(0, page.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.Contains($"offset={int.MaxValue - int.MaxValue}", page.GetProperty("previous").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_is_created_with_its_settings_or_not_at_all()
    {
        var name = SecurityApi.Unique("with-settings");
        var pk = await SecurityApi.CreateMachine(_admin, new
        {
            name,
            machine_type = "test-printer",
            driver = "test-printer-api",
            settings = new object[] { new { config_type = "M", key = "LOCATION", value = "shelf 4" }, new { config_type = "D", key = "TEST_SETTING", value = 7 } },
        });
        Assert.Equal("shelf 4", (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/M/LOCATION/")).GetProperty("value").GetString());
        Assert.Equal("7", (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/D/TEST_SETTING/")).GetProperty("value").GetString());

        foreach (var settings in new[]
        {
            """[{"config_type": "D", "key": "TEST_SETTING", "value": "x"}, {"config_type": "D", "key": "PIN", "value": "four"}]""",
            """[{"config_type": "D", "key": "NO_SUCH_SETTING", "value": "x"}]""",
            """[{"config_type": "X", "key": "TEST_SETTING", "value": "x"}]""",
            """[{"config_type": "D", "key": "test_setting", "value": "x"}]""",
            """[{"config_type": "D", "key": "TEST_SETTING"}]""",
            """{"D": {"TEST_SETTING": "x"}}""",
        })
        {
            var json = $$"""{"name": "{{SecurityApi.Unique("refused")}}", "machine_type": "test-printer", "driver": "test-printer-api", "settings": {{settings}}}""";
            await AssertRefused(HttpMethod.Post, "/api/machine/", json, HttpStatusCode.BadRequest, "etting");
        }
    }

    private string Path(string template) => template.Replace("{machine}", _machine, StringComparison.Ordinal).Replace("{printer}", _printer, StringComparison.Ordinal);

    /// <summary>Sends the request and checks the answer is <paramref name="expected"/> with a JSON reason containing <paramref name="reason"/>, and that nothing changed.</summary>
    private async Task AssertRefused(HttpMethod method, string path, string? json, HttpStatusCode expected, string reason, string contentType = "application/json")
    {
        var before = await SecurityApi.Snapshot(_admin);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Token", NodeFactory.AdminToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }
        using var client = _node.CreateClient();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SecurityApi.Snapshot(_admin));
    }
}
