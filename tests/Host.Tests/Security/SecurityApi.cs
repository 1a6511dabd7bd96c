using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Host.Tests.Security;

/// <summary>What the security tests do through the API: machines, tokens, printers, and a snapshot of everything stored.</summary>
public static class SecurityApi
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static async Task<string> CreateMachine(HttpClient admin, object body)
    {
        using var created = await admin.PostAsJsonAsync("/api/machine/", body);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create answered {(int)created.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("pk").GetString()!;
    }

    /// <summary>A new token of <paramref name="role"/>; its secret.</summary>
    public static async Task<string> Token(HttpClient admin, string role)
    {
        using var created = await admin.PostAsJsonAsync("/api/tokens/", new { name = $"{role} {Guid.NewGuid():N}", role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A virtual label printer spooling into <paramref name="spool"/>, and one completed job on it.</summary>
    public static async Task<(string Pk, string JobId)> PrinterWithJob(HttpClient admin, string spool)
    {
        var pk = await CreateMachine(admin, new { name = Unique("printer"), machine_type = "label-printer", driver = "virtual-label-printer" });
        using (var set = await admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SPOOL_DIR/", new { value = spool }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }
        using var printed = await admin.PostAsync($"/api/machine/{pk}/print/", Json(PrintBody("first label")));
        Assert.Equal(HttpStatusCode.Accepted, printed.StatusCode);
        var jobId = (await printed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await admin.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/{jobId}/")).GetProperty("state").GetString() != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} did not complete");
            await Task.Delay(20);
        }
        return (pk, jobId);
    }

    /// <summary>
    /// Waits until no job of the printer is queued or printing, then deletes its spool folder (at once when the test set-up failed before creating the printer): a print a test sent
    /// last may still be writing there while the test ends (the node is shared and keeps running).
    /// </summary>
    public static async Task DeleteSpoolOnceIdle(HttpClient admin, string? printerPk, string spool)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (printerPk is not null && (await admin.GetFromJsonAsync<JsonElement>($"/api/machine/{printerPk}/jobs/")).EnumerateArray()
            .Any(job => job.GetProperty("state").GetString() is "queued" or "printing"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"printer {printerPk} still had unfinished jobs after 20 s");
            await Task.Delay(20);
        }
        Directory.Delete(spool, recursive: true);
    }

    public static string PrintBody(string text) =>
        JsonSerializer.Serialize(new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain", name = "label" } }, copies = 1 });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// Everything the registry and the token registry keep, as the API shows it: every machine (initialised or not),
    /// each one's settings and jobs, and the tokens. Equal snapshots mean nothing changed.
    /// </summary>
    public static async Task<string> Snapshot(HttpClient admin)
    {
        var text = new StringBuilder();
        var machines = await admin.GetStringAsync("/api/machine/?initialized=all");
        text.AppendLine(machines);
        foreach (var machine in JsonDocument.Parse(machines).RootElement.EnumerateArray())
        {
            var pk = machine.GetProperty("pk").GetString();
            text.AppendLine(await admin.GetStringAsync($"/api/machine/{pk}/settings/"));
            text.AppendLine(await admin.GetStringAsync($"/api/machine/{pk}/jobs/"));
        }
        text.AppendLine(await admin.GetStringAsync("/api/tokens/"));
        return text.ToString();
    }
}
