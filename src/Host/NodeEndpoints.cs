namespace MachineActors.Host;

public static class NodeEndpoints
{
    public static void MapNodeEndpoints(this WebApplication app)
    {
        app.MapGet("/", (NodeRuntime node) => Results.Text(
            $"MachineActors node '{node.System.Name}' is up.\n"));
    }
}
