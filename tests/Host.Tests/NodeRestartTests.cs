using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MachineActors.Host.Tests;

public sealed class NodeRestartTests
{
    [Fact]
    public async Task Tokens_created_before_a_restart_work_after_it_on_sqlite()
    {
        var dataDir = Directory.CreateTempSubdirectory("machineactors-restart-").FullName;
        try
        {
            string secret;
            await using (var first = new NodeFactory { Storage = "sqlite", DataDir = dataDir, KeepDataDir = true })
            {
                var created = await first.ClientWithToken(NodeFactory.AdminToken).PostAsJsonAsync("/api/tokens/", new { name = "operator", role = "operator" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            }
            Assert.True(File.Exists(Path.Combine(dataDir, NodeStorage.SqliteFileName)));

            await using var second = new NodeFactory { Storage = "sqlite", DataDir = dataDir };
            var admin = second.ClientWithToken(NodeFactory.AdminToken);
            var tokens = await admin.GetFromJsonAsync<JsonElement>("/api/tokens/");
            // The configured admin token and the operator token, each once: nothing re-created or duplicated.
            Assert.Equal(["admin (configured)", "operator"], tokens.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            Assert.Equal(HttpStatusCode.Forbidden, (await second.ClientWithToken(secret).GetAsync("/api/tokens/")).StatusCode);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}
