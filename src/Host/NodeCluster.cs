using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Registry.Remoting;

namespace MachineActors.Host;

/// <summary>Starts this node's <see cref="ClusterNode"/> from its options: the cluster port, the secret, and the shared PostgreSQL.</summary>
public static class NodeCluster
{
    public static ClusterOptions OptionsFor(NodeOptions options)
    {
        var cluster = options.Cluster ?? throw new InvalidOperationException("This node has no Node:Cluster section.");
        if (!string.Equals(options.Storage, "postgresql", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            throw new InvalidOperationException(
                "A cluster node keeps its journal in the cluster's PostgreSQL: set Node:Storage to \"postgresql\" and Node:PostgresConnectionString.");
        }
        if (string.IsNullOrEmpty(cluster.Secret) || cluster.Secret.Length < 16)
        {
            throw new InvalidOperationException(
                "A cluster node needs the cluster secret (at least 16 characters) in Node:Cluster:Secret, e.g. MACHINEACTORS_Node__Cluster__Secret.");
        }
        return new ClusterOptions
        {
            NodeName = options.NodeName,
            Roles = [.. options.Roles],
            PostgresConnectionString = NodePostgres.WithPoolLimit(options.PostgresConnectionString, NodePostgres.ClusterConnections),
            Transport = new TransportOptions
            {
                Host = cluster.Host,
                Port = cluster.Port,
                AdvertisedHost = cluster.AdvertisedHost,
                AdvertisedPort = cluster.AdvertisedPort,
                Secret = cluster.Secret,
            },
            Membership = new MembershipOptions { Schema = cluster.Schema },
            Leases = new LeaseOptions { Schema = cluster.Schema },
        };
    }

    public static Task<ClusterNode> StartAsync(NodeOptions options, ActorSystemOptions systemOptions, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ClusterNode.StartAsync(
            NodeDefaults.ActorSystemName, OptionsFor(options), RegistryRemoting.Register(new RemoteMessageTypes()), systemOptions, loggers, cancellationToken);
}
