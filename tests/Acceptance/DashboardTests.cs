using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace MachineActors.Acceptance;

/// <summary>
/// The dashboard in headless Chromium against a node process: it shows the machines, follows the event stream,
/// edits settings, restarts a machine and prints a test label. Leaves a screenshot in TestResults/dashboard.png.
/// </summary>
public sealed class DashboardTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("machineactors-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_dashboard_shows_the_machines_follows_events_and_restarts_one()
    {
        await using var node = await NodeProcess.Start(_dataDir, "memory");
        using var api = node.Client();
        var station = await Create(api, "Station printer", "test-printer", "test-printer-api");
        var labels = await Create(api, "Virtual label printer", "label-printer", "virtual-label-printer", active: false);
        await Patch(api, $"/api/machine/{labels}/settings/D/SPOOL_DIR/", new { value = Path.Combine(_dataDir, "spool") });
        await Patch(api, $"/api/machine/{labels}/", new { active = true });

        await using var browser = await ChromiumSession.Start();
        try
        {
            await browser.Navigate($"{node.Url}#token={NodeProcess.AdminToken}");
            await browser.WaitUntil($"{Card(station)} && {Card(labels)}", "both machines on the page");
            Assert.Equal("Station printer", await Text(browser, station, "h3"));
            Assert.DoesNotContain("null", await Text(browser, station, ".summary"), StringComparison.Ordinal);
            Assert.Equal("", (await browser.Evaluate("location.hash")).GetString());
            await browser.WaitUntil($"{Field(labels, "status")}.classList.contains('status-success')", "the label printer's green Connected badge");
            Assert.Equal("Connected", await Text(browser, labels, "[data-field=status]"));

            // Once the page follows the event stream, a machine that fails elsewhere shows up with its error.
            await browser.WaitUntil("document.querySelector('#connection').dataset.state === 'live'", "the event stream");
            var failing = await Create(api, "Failing printer", "test-printer", "test-printer-init-error");
            await browser.WaitUntil($"{Card(failing)}?.querySelector('[data-field=errors] li')", "the failing machine with its error");
            Assert.Contains("status-danger", (await browser.Evaluate($"{Field(failing, "status")}.className")).GetString());

            await EditSettings(browser, api, station, labels);

            Assert.Equal("", await Text(browser, station, "[data-field=status-text]"));
            await browser.Click($"article[data-pk='{station}'] [data-action=restart]");
            await browser.WaitUntil($"{Field(station, "status-text")}.textContent === 'Restarting...'", "the restarted machine's status text");

            // Only a "job" event can bring the completed state: the page never polls jobs.
            await browser.Click($"article[data-pk='{labels}'] [data-action=print]");
            await browser.WaitUntil($"{Field(labels, "job")}.textContent.includes('completed')", "the test label's job completing");

            var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await File.WriteAllBytesAsync(screenshot, await browser.Screenshot());
            output.WriteLine($"Screenshot: {screenshot}");
        }
        catch
        {
            output.WriteLine($"Node output:\n{node.Output}");
            throw;
        }
    }

    // Settings forms: changed values are saved (and only those), an invalid one shows the node's reason by its field.
    private static async Task EditSettings(ChromiumSession browser, HttpClient api, string station, string labels)
    {
        await browser.Click($"article[data-pk='{station}'] [data-action=settings]");
        await browser.WaitUntil($"{Setting(station, "D", "TEST_SETTING")}", "the station printer's settings form");
        await browser.Evaluate($"{Setting(station, "D", "TEST_SETTING")}.value = 'hello from the dashboard'");
        await browser.Evaluate($"{Card(station)}.querySelector('form.settings').requestSubmit()");
        await browser.WaitUntil($"{Field(station, "settings-status")}.textContent === '1 saved'", "the setting saved");
        var saved = await api.GetFromJsonAsync<JsonElement>($"/api/machine/{station}/settings/D/TEST_SETTING/");
        Assert.Equal("hello from the dashboard", saved.GetProperty("value").GetString());

        await browser.Click($"article[data-pk='{labels}'] [data-action=settings]");
        await browser.WaitUntil($"{Setting(labels, "D", "DELAY_MS")}", "the label printer's settings form");
        Assert.Equal("SELECT", (await browser.Evaluate($"{Setting(labels, "D", "SIMULATE")}.tagName")).GetString());
        await browser.Evaluate($"{Setting(labels, "D", "DELAY_MS")}.value = '-5'");
        await browser.Evaluate($"{Card(labels)}.querySelector('form.settings').requestSubmit()");
        await browser.WaitUntil($"{Field(labels, "settings-status")}.textContent === '1 not saved'", "the invalid setting refused");
        Assert.Contains("must be between 0", await Text(browser, labels, ".setting:has([data-key=DELAY_MS]) .field-error"));
        var delay = await api.GetFromJsonAsync<JsonElement>($"/api/machine/{labels}/settings/D/DELAY_MS/");
        Assert.Equal("0", delay.GetProperty("value").GetString());
    }

    private static string Card(string pk) => $"document.querySelector(\"article[data-pk='{pk}']\")";

    private static string Field(string pk, string field) => $"{Card(pk)}.querySelector('[data-field={field}]')";

    private static string Setting(string pk, string configType, string key) =>
        $"{Card(pk)}.querySelector(\"[data-config-type='{configType}'][data-key='{key}']\")";

    private static async Task<string?> Text(ChromiumSession browser, string pk, string selector) =>
        (await browser.Evaluate($"{Card(pk)}.querySelector({JsonSerializer.Serialize(selector)}).textContent")).GetString();

    private static async Task<string> Create(HttpClient api, string name, string type, string driver, bool active = true)
    {
        var created = await api.PostAsJsonAsync("/api/machine/", new { name, machine_type = type, driver, active });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
    }

    private static async Task Patch(HttpClient api, string path, object body) =>
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsJsonAsync(path, body)).StatusCode);
}
