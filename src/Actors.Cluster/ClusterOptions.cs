using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Actors.Cluster;

/// <summary>How a node takes part in the cluster: who it is, where the shared database is, and each subsystem's options.</summary>
public sealed record ClusterOptions
{
    /// <summary>The node's name, unique in the cluster and kept across restarts (machines are placed on it by name).</summary>
    public string NodeName { get; init; } = "local";

    /// <summary>What the node offers, e.g. "frontend" or "station" (machines placed on a role run on a node that has it).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["station"];

    /// <summary>The PostgreSQL database that holds the members and machine-lease tables (and, in a cluster, the journal).</summary>
    public string PostgresConnectionString { get; init; } = string.Empty;

    /// <summary>
    /// Most connections the cluster tables' data source opens: 10, unless <see cref="PostgresConnectionString"/> sets
    /// <c>Maximum Pool Size</c> itself (a front-end reads a machine's lease holder for every request about it).
    /// </summary>
    public int MaxPoolSize { get; init; } = 10;

    /// <summary>The cluster port, its secret and the transport's limits.</summary>
    public TransportOptions Transport { get; init; } = new();

    /// <summary>Heartbeats and the failure detector.</summary>
    public MembershipOptions Membership { get; init; } = new();

    /// <summary>Machine ownership leases.</summary>
    public LeaseOptions Leases { get; init; } = new();

    /// <summary>How long starting a node waits for its own row to be Up before it gives up.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(NodeName);
        ArgumentNullException.ThrowIfNull(Roles);
        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            throw new ArgumentException("A cluster node needs the PostgreSQL connection string of the cluster database.", nameof(PostgresConnectionString));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPoolSize);
        Transport.Validate();
        Membership.Validate();
        Leases.Validate();
        if (JoinTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(JoinTimeout), JoinTimeout, "The join timeout must be positive.");
        }
    }
}
