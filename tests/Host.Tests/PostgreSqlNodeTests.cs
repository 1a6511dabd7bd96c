using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Microsoft.AspNetCore.Hosting;

namespace MachineActors.Host.Tests;

/// <summary>Configuration switches the node to PostgreSQL, and its machines and tokens survive a restart there.</summary>
public sealed class PostgreSqlNodeTests(PrivatePostgres postgres) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task A_node_on_postgresql_keeps_its_machines_settings_and_tokens_across_a_restart()
    {
        string pk;
        string viewer;
        await using (var first = new PostgresNode(postgres.ConnectionString))
        {
            var admin = first.ClientWithToken(NodeFactory.AdminToken);
            var created = await admin.PostAsJsonAsync("/api/machine/", new { name = "pg-printer", machine_type = "test-printer", driver = "test-printer-api" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            pk = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pk").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/machine/{pk}/settings/M/LOCATION/", new { value = "Dock 7" })).StatusCode);
            var token = await admin.PostAsJsonAsync("/api/tokens/", new { name = "pg viewer", role = "viewer" });
            viewer = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        await using var second = new PostgresNode(postgres.ConnectionString);
        var client = second.ClientWithToken(viewer);
        var machine = await client.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/");
        Assert.Equal("pg-printer", machine.GetProperty("name").GetString());
        var location = await client.GetFromJsonAsync<JsonElement>($"/api/machine/{pk}/settings/M/LOCATION/");
        Assert.Equal("Dock 7", location.GetProperty("value").GetString());
    }

    private sealed class PostgresNode(string connectionString) : NodeFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Node:Storage", "postgresql");
            builder.UseSetting("Node:PostgresConnectionString", connectionString);
        }
    }
}
