using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Acceptance;

/// <summary>A node started from cluster-config/single-node.json stops on SIGTERM after its running job has finished.</summary>
public sealed class GracefulStopTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("machineactors-sigterm-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static string ConfigFile
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "cluster-config", "single-node.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new FileNotFoundException("cluster-config/single-node.json was not found above the test folder.");
        }
    }

    [Fact]
    public async Task Sigterm_lets_the_running_job_finish_and_exits_cleanly()
    {
        string pk, jobId;
        var spool = Path.Combine(_dataDir, "spool");
        await using (var node = await NodeProcess.Start(_dataDir, "sqlite", "--config", ConfigFile))
        {
            using var client = node.Client();
            var created = await client.PostAsJsonAsync("/api/machine/", new { name = "slow", machine_type = "label-printer", driver = "virtual-label-printer" });
            pk = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
            await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/SPOOL_DIR/", new { value = spool });
            await client.PatchAsJsonAsync($"/api/machine/{pk}/settings/D/DELAY_MS/", new { value = 1500 });
            var print = await client.PostAsJsonAsync($"/api/machine/{pk}/print/",
                new { labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes("last label")), content_type = "text/plain" } } });
            Assert.Equal(HttpStatusCode.Accepted, print.StatusCode);
            jobId = (await print.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await client.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/{jobId}/")).GetProperty("state").GetString() != "printing")
            {
                Assert.True(DateTime.UtcNow < deadline, "the job did not start printing");
                await Task.Delay(20);
            }
            Assert.Equal(0, await node.Terminate(TimeSpan.FromSeconds(30)));
        }
        // The job finished before the node stopped: it is completed, not interrupted, and its label is spooled.
        await using var restarted = await NodeProcess.Start(_dataDir, "sqlite", "--config", ConfigFile);
        using var again = restarted.Client();
        var job = await again.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/jobs/{jobId}/");
        Assert.Equal("completed", job.GetProperty("state").GetString());
        Assert.Equal("last label", File.ReadAllText(Assert.Single(Directory.GetFiles(spool))));
    }
}
