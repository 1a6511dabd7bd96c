using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Host.Api;
using MachineActors.Host.Machines;
using MachineActors.Host.Security;
using MachineActors.Registry;

namespace MachineActors.Host;

/// <summary>GET /api/cluster/nodes/: the nodes of the cluster as this node's membership sees them (a single node lists itself).</summary>
public static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this WebApplication app) =>
        app.MapGet("/api/cluster/nodes/", async Task<IResult> (NodeRuntime runtime, RegistryClient registry, NodeOptions options, CancellationToken ct) =>
        {
            if (runtime.Cluster is { } cluster)
            {
                try
                {
                    var state = await cluster.StateAsync(options.RequestTimeout, ct);
                    return Results.Ok(state.Members.OrderBy(m => m.NodeName, StringComparer.Ordinal).Select(member => new
                    {
                        name = member.NodeName,
                        address = member.Address,
                        roles = member.Roles,
                        status = state.Unreachable.Contains(member.NodeName) ? "unreachable" : member.Status.ToString().ToLowerInvariant(),
                        self = member.NodeName == options.NodeName,
                        incarnation = member.Incarnation,
                        last_heartbeat = member.LastHeartbeat,
                    }));
                }
                catch (AskTimeoutException)
                {
                    return ApiResults.Unavailable($"Cluster membership did not answer within {options.RequestTimeout.TotalSeconds:0} s.");
                }
            }
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
