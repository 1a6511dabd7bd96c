namespace MachineActors.Host;

public static class NodeEndpoints
{
    public static void MapNodeEndpoints(this WebApplication app)
    {
        app.MapGet("/", (ActorSystemHost host) => Results.Text(
            $"MachineActors node '{host.System.Name}' is up.\n"));
    }
}
