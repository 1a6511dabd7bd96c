using MachineActors.Host.Machines;
using MachineActors.Host.Security;
using MachineActors.Registry;

namespace MachineActors.Host;

/// <summary>GET /api/cluster/nodes/: the nodes of the cluster (a single node lists itself).</summary>
public static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this WebApplication app) =>
        app.MapGet("/api/cluster/nodes/", async (RegistryClient registry, NodeOptions options, CancellationToken ct) =>
        {
            var (machines, error) = await registry.Ask<MachinesResult>(new GetMachines(MachineFilter.All), ct);
            if (error is not null)
            {
                return RegistryClient.ToResult(error);
            }
            return Results.Ok(new[]
            {
                new
                {
                    name = options.NodeName,
                    address = options.Urls,
                    roles = options.Roles,
                    status = "up",
                    self = true,
                    machines = machines!.Machines.Count,
                },
            });
        }).RequireAuthorization(ApiPolicies.Viewer);
}
