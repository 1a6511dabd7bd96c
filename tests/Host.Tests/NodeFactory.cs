using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MachineActors.Host.Tests;

/// <summary>A node in process on a fresh data folder, with a known admin token.</summary>
public class NodeFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "admin-token-for-tests-0123456789";

    public string DataDir { get; init; } = Directory.CreateTempSubdirectory("machineactors-node-").FullName;

    public string Storage { get; init; } = "memory";

    /// <summary>Leave the data folder behind on dispose, for a test that restarts a node on it.</summary>
    public bool KeepDataDir { get; init; }

    /// <summary>The sample plugin the test project's build copies next to the tests.</summary>
    public static string SamplePluginsFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Node:PluginsDir", SamplePluginsFolder);
        builder.UseSetting("Node:Storage", Storage);
        builder.UseSetting("Node:DataDir", DataDir);
        builder.UseSetting("Node:AdminToken", AdminToken);
        builder.UseSetting("Node:NoDemo", "true");
    }

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", token);
        }
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
