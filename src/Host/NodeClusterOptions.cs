namespace MachineActors.Host;

/// <summary>
/// How a node joins a cluster; bound from "Node:Cluster". Absent means a single node. A cluster node keeps its
/// journal in the cluster's PostgreSQL (Storage "postgresql"), where the member and machine-lease tables live too.
/// </summary>
public sealed record NodeClusterOptions
{
    /// <summary>The host name or address this node's cluster port listens on and other nodes dial.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The node-to-node port (WebSocket, separate from the HTTP API).</summary>
    public int Port { get; init; } = 7080;

    /// <summary>
    /// The host other nodes dial, when they reach this node through something in between (NAT, proxy); it becomes this
    /// node's cluster address. Null: <see cref="Host"/>.
    /// </summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>The port other nodes dial, when it is not <see cref="Port"/>. Null: <see cref="Port"/>.</summary>
    public int? AdvertisedPort { get; init; }

    /// <summary>
    /// The shared secret (at least 16 characters) every node must know; better given through the environment
    /// (MACHINEACTORS_Node__Cluster__Secret) than written in a file.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>The PostgreSQL schema of the member, lease and machine-catalog tables.</summary>
    public string Schema { get; init; } = "cluster";
}
