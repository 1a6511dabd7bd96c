namespace MachineActors.Host;

public static class NodeEndpoints
{
    public static void MapNodeEndpoints(this WebApplication app)
    {
        app.MapGet("/", (ActorSystemHost host) => Results.Text(
            $"MachineActors node '{host.System.Name}' is up. The machine registry API will live under /api/machine/.\n"));
        app.MapGet("/api/machine/status/", () => Results.Json(new { registry_errors = Array.Empty<object>() }));
    }
}
