using MachineActors.Host.Security;

namespace MachineActors.Host;

/// <summary>
/// A cluster node without the "frontend" role: it runs its machines and answers the front-end over the cluster
/// port, and its HTTP port serves only <c>/healthz</c>. API tokens are the front-end's to write (one writer of
/// their stream in the shared journal); a station only reads them.
/// </summary>
public static class StationNode
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TokenCache>();
        var app = builder.Build();
        app.MapGet("/healthz", (NodeOptions options, NodeRuntime runtime) => Results.Ok(new
        {
            name = options.NodeName,
            roles = options.Roles,
            cluster_address = runtime.Cluster?.System.Address.ToString(),
        }));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<NodeOptions>();
            Console.WriteLine($"MachineActors station {options.NodeName} is running: cluster port {options.Cluster!.Host}:{options.Cluster.Port}, health {options.Urls}/healthz");
        });
        await app.RunAsync();
        return 0;
    }
}
