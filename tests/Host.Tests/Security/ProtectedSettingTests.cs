using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// Protected settings (the IPP driver's PASSWORD, the test driver's API_KEY and PIN) are written through every way
/// the API has, used by the driver, refused in malformed changes, and then looked for in every answer that could carry
/// a setting, in the event stream and in every log line the node wrote at any level: they appear nowhere.
/// </summary>
public sealed class ProtectedSettingTests(SecurityNodeFactory node) : IClassFixture<SecurityNodeFactory>
{
    private readonly HttpClient _admin = node.ClientWithToken(NodeFactory.AdminToken);

    [Fact]
    public async Task A_protected_value_appears_in_no_answer_no_event_and_no_log_line()
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var apiKey = "key-" + Guid.NewGuid().ToString("N");
        var pin = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] secrets = [password, apiKey, pin];
        await using var printer = new RefusingPrinter();
        await using var events = await EventCapture.StartAsync(node.ClientWithToken(NodeFactory.AdminToken));
        var answers = new List<string>();

        // Created with its settings: the answer to the creation is the first place a value could leak.
        var ipp = await Answer(answers, _admin.PostAsync("/api/machine/", SecurityApi.Json(JsonSerializer.Serialize(new
        {
            name = SecurityApi.Unique("ipp"),
            machine_type = "label-printer",
            driver = "ipp-label-printer",
            settings = new object[]
            {
                new { config_type = "D", key = "PRINTER_URI", value = printer.PrinterUri.ToString() },
                new { config_type = "D", key = "USERNAME", value = "labeluser" },
                new { config_type = "D", key = "PASSWORD", value = password },
                new { config_type = "D", key = "POLL_INTERVAL", value = 0 },
                new { config_type = "D", key = "TIMEOUT", value = 2 },
            },
        }))), HttpStatusCode.Created);
        var ippPk = JsonDocument.Parse(ipp).RootElement.GetProperty("pk").GetString()!;
        var api = await Answer(answers, _admin.PostAsync("/api/machine/", SecurityApi.Json(JsonSerializer.Serialize(new
        {
            name = SecurityApi.Unique("api"),
            machine_type = "test-printer",
            driver = "test-printer-api",
            settings = new object[]
            {
                new { config_type = "D", key = "API_KEY", value = apiKey },
                new { config_type = "D", key = "PIN", value = pin },
            },
        }))), HttpStatusCode.Created);
        var apiPk = JsonDocument.Parse(api).RootElement.GetProperty("pk").GetString()!;

        // Changed again (the PATCH echo), and refused: changes that name the value in a way the setting does not accept.
        await Answer(answers, _admin.PatchAsync($"/api/machine/{ippPk}/settings/D/PASSWORD/", Value(password)), HttpStatusCode.OK);
        await Answer(answers, _admin.PutAsync($"/api/machine/{apiPk}/settings/D/PIN/", Value(pin)), HttpStatusCode.OK);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{apiPk}/settings/D/PIN/", Value(password)), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{apiPk}/settings/D/PIN/", Value(pin + ".5")), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{apiPk}/settings/D/PIN/", Value(pin + pin)), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{ippPk}/settings/D/PASSWORD/", SecurityApi.Json("{\"value\": {\"password\": \"" + password + "\"}}")), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{ippPk}/settings/D/PASSWORD/", SecurityApi.Json($$"""{"value": ["{{password}}"]}""")), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PatchAsync($"/api/machine/{ippPk}/settings/D/PASSWORD/", SecurityApi.Json($$"""{"value": "{{password}}" """)), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PostAsync("/api/machine/", SecurityApi.Json(JsonSerializer.Serialize(new
        {
            name = SecurityApi.Unique("bad"),
            machine_type = "test-printer",
            driver = "test-printer-api",
            settings = new object[] { new { config_type = "D", key = "API_KEY", value = apiKey }, new { config_type = "D", key = "PIN", value = apiKey } },
        }))), HttpStatusCode.BadRequest);
        await Answer(answers, _admin.PostAsync("/api/machine/", SecurityApi.Json(JsonSerializer.Serialize(new
        {
            name = SecurityApi.Unique("bad"),
            machine_type = "label-printer",
            driver = "ipp-label-printer",
            settings = new object[] { new { config_type = "D", key = "PASSWORD", value = password }, new { config_type = "D", key = "NO_SUCH_KEY", value = password } },
        }))), HttpStatusCode.BadRequest);

        // The driver uses the password (basic authentication against the printer, which refuses it), prints, fails.
        using (var print = await _admin.PostAsync($"/api/machine/{ippPk}/print/", SecurityApi.Json(SecurityApi.PrintBody("secret test"))))
        {
            Assert.Equal(HttpStatusCode.Accepted, print.StatusCode);
        }
        var expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("labeluser:" + password));
        await Until(() => printer.Requests.Any(r => r.Contains(expectedAuthorization, StringComparison.Ordinal)), "the driver authenticates with the password");
        await Until(async () => (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{ippPk}/jobs/")).EnumerateArray().All(j => j.GetProperty("state").GetString() == "failed"),
            "the job fails against the refusing printer");

        // Every answer that could carry a setting.
        foreach (var path in new[]
        {
            "/api/machine/", "/api/machine/?initialized=all", "/api/machine/?limit=50", $"/api/machine/{ippPk}/", $"/api/machine/{apiPk}/",
            $"/api/machine/{ippPk}/settings/", $"/api/machine/{apiPk}/settings/", $"/api/machine/{ippPk}/settings/D/PASSWORD/",
            $"/api/machine/{apiPk}/settings/D/API_KEY/", $"/api/machine/{apiPk}/settings/D/PIN/", $"/api/machine/{ippPk}/jobs/",
            "/api/machine/types/", "/api/machine/drivers/", "/api/machine/status/", "/api/cluster/nodes/", "/openapi/v1.json",
        })
        {
            await Answer(answers, _admin.GetAsync(path), HttpStatusCode.OK);
        }
        await Answer(answers, _admin.PatchAsync($"/api/machine/{ippPk}/", SecurityApi.Json("""{"active": true}""")), HttpStatusCode.OK);
        await Answer(answers, _admin.PostAsync($"/api/machine/{ippPk}/restart/", null), HttpStatusCode.OK);
        await Answer(answers, _admin.PostAsync($"/api/machine/{apiPk}/command/", SecurityApi.Json("""{"command": "custom_func", "x": 6, "y": 7}""")), HttpStatusCode.OK);
        await Answer(answers, _admin.PostAsync($"/api/machine/{apiPk}/restart/", null), HttpStatusCode.OK);
        // The test driver's restart sets a status text: once the stream carried it, it carried everything before it.
        await events.WaitFor("Restarting...", TimeSpan.FromSeconds(20));

        foreach (var setting in new[] { $"{ippPk}/settings/D/PASSWORD", $"{apiPk}/settings/D/API_KEY", $"{apiPk}/settings/D/PIN" })
        {
            Assert.Equal("***", (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{setting}/")).GetProperty("value").GetString());
        }
        var logs = node.Logs.Lines;
        Assert.Contains(logs, line => line.Contains($"/api/machine/{ippPk}/settings/D/PASSWORD/", StringComparison.Ordinal));
        Assert.Contains("event: machine", events.Text, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.All(answers, answer => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, events.Text, StringComparison.Ordinal);
            Assert.All(logs, line => Assert.DoesNotContain(secret, line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_protected_setting_reads_masked_exactly_when_it_has_a_value()
    {
        // API_KEY's default is an empty string, PASSWORD has none: both read empty until a value is set.
        var api = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("mask"), machine_type = "test-printer", driver = "test-printer-api" });
        var ipp = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("mask"), machine_type = "label-printer", driver = "ipp-label-printer", active = false });
        Assert.Equal("", await SettingValue(api, "API_KEY"));
        Assert.Equal("", await SettingValue(ipp, "PASSWORD"));
        Assert.Equal("", await SettingValue(api, "PIN"));
        var listed = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{api}/settings/");
        Assert.Equal("", listed.EnumerateArray().Single(s => s.GetProperty("key").GetString() == "API_KEY").GetProperty("value").GetString());

        using (var set = await _admin.PatchAsync($"/api/machine/{api}/settings/D/API_KEY/", Value("abc")))
        {
            Assert.Equal("***", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());
        }
        Assert.Equal("***", await SettingValue(api, "API_KEY"));
        using (var cleared = await _admin.PatchAsync($"/api/machine/{api}/settings/D/API_KEY/", Value("")))
        {
            Assert.Equal("", (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());
        }
        Assert.Equal("", await SettingValue(api, "API_KEY"));
    }

    private async Task<string> SettingValue(string pk, string key) =>
        (await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/D/{key}/")).GetProperty("value").GetString()!;

    private static StringContent Value(string value) => SecurityApi.Json(JsonSerializer.Serialize(new { value }));

    private static async Task<string> Answer(List<string> answers, Task<HttpResponseMessage> request, HttpStatusCode expected)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        answers.Add(text);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text;
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
