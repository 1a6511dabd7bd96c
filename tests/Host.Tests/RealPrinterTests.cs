using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MachineActors.Drivers.Tests.Ipp;
using MachineActors.Drivers.Tests.Zpl;

namespace MachineActors.Host.Tests;

/// <summary>
/// A user configures an IPP or a ZPL printer through the API with settings alone, prints, and watches the job and
/// the machine's status: against a real ippeveprinter and a fake Zebra on loopback.
/// </summary>
public sealed class RealPrinterTests(NodeFactory node) : IClassFixture<NodeFactory>
{
    private readonly HttpClient _admin = node.ClientWithToken(NodeFactory.AdminToken);

    private async Task<string> Printer(string driver, params (string Key, object Value)[] settings)
    {
        var created = await _admin.PostAsJsonAsync("/api/machine/", new { name = $"{driver}-{Guid.NewGuid():N}"[..28], machine_type = "label-printer", driver });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pk = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
        foreach (var (key, value) in settings)
        {
            var changed = await _admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/{key}/", new { value });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }
        // The last required setting completes the machine, which then initialises: settings alone are enough.
        var machine = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.True(machine.GetProperty("initialized").GetBoolean(), machine.ToString());
        return pk;
    }

    private async Task<JsonElement> PrintAndWait(string pk, string text, int copies = 1)
    {
        var response = await _admin.PostAsJsonAsync($"/api/machine/{pk}/print/",
            new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain", name = "label" } }, copies });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/{jobId}/");
            if (job.GetProperty("state").GetString() is "completed" or "failed" or "interrupted")
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, "the job did not finish within 30 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_ipp_printer_configured_by_settings_prints_the_exact_bytes_and_reports_its_status()
    {
        await using var printer = new IppEvePrinterFixture();
        await printer.InitializeAsync();
        var pk = await Printer("ipp-label-printer", ("PRINTER_URI", printer.PrinterUri.ToString()), ("POLL_INTERVAL", 0));
        var machine = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal(100, machine.GetProperty("status").GetInt32());

        var job = await PrintAndWait(pk, "IPP label 42");
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        var spooled = Directory.GetFiles(printer.SpoolDirectory).Where(f => !f.EndsWith(".prn", StringComparison.Ordinal)).ToList();
        Assert.Contains(spooled, f => File.ReadAllText(f) == "IPP label 42");
    }

    [Fact]
    public async Task A_zpl_printer_configured_by_settings_receives_the_label_and_a_media_out_fails_the_job()
    {
        await using var zebra = new FakeZebra();
        var pk = await Printer("zpl-label-printer", ("HOST", zebra.Host), ("PORT", zebra.Port));
        var job = await PrintAndWait(pk, "ZPL label 7", copies: 3);
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        var received = new StringBuilder();
        for (var i = 0; i < 4 && !received.ToString().Contains("^PQ3", StringComparison.Ordinal); i++)
        {
            received.Append(Encoding.ASCII.GetString(await zebra.NextConnectionAsync(TimeSpan.FromSeconds(5))));
        }
        Assert.Contains("ZPL label 7", received.ToString(), StringComparison.Ordinal);
        Assert.Contains("^PQ3", received.ToString(), StringComparison.Ordinal);

        zebra.Errors = MachineActors.Drivers.Zpl.ZebraErrorFlags.MediaOut;
        var failed = await PrintAndWait(pk, "no paper");
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        var machine = await _admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal(301, machine.GetProperty("status").GetInt32());
    }
}
