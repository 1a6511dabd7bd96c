using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Placement;
using Microsoft.Extensions.Logging;

namespace MachineActors.Registry.Cluster;

/// <summary>
/// How a registry takes part in a cluster (<see cref="RegistryOptions.Cluster"/>; null runs a single node). The
/// machines are those of the cluster's <see cref="Catalog"/>; this node runs a machine only while it holds the
/// machine's lease, and competes for the machines it may run (<see cref="PlacementRule.IsEligible"/>, with
/// <see cref="RegistryOptions.NodeName"/> and <see cref="RegistryOptions.NodeRoles"/>) and should run
/// (<see cref="PlacementRule.PreferredNode"/> among the members Up and reachable; a machine placed on this node by
/// name always). The registry's store must be an <see cref="IPlacedMachineConfigStore"/> on the same catalog.
/// </summary>
public sealed record ClusterPlacementOptions
{
    /// <summary>This node's <see cref="LeaseKeeper"/> (<see cref="ClusterNode.Leases"/>).</summary>
    public required IActorRef Leases { get; init; }

    /// <summary>
    /// This node's membership actor (<see cref="ClusterNode.Membership"/>): asked which members are Up; its member
    /// events, which the registry hears on the event stream, make it look at its machines again at once.
    /// </summary>
    public required IActorRef Membership { get; init; }

    /// <summary>The cluster's list of machines and their placements, read with their lease holders.</summary>
    public required MachineCatalog Catalog { get; init; }

    /// <summary>
    /// How often the catalog and the membership are read: finds machines added on other nodes, changed placements and
    /// machines whose node has gone. 1 s.
    /// </summary>
    public TimeSpan CatalogPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one read of the catalog and the membership may take before it counts as failed (the next poll tries again). 10 s.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long <see cref="AddMachine"/> waits for the lease of a new machine this node should run; past it, it
    /// answers with the machine stored but not running yet (it starts once the lease comes). 10 s.
    /// </summary>
    public TimeSpan AddLeaseWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where leases taken, lost and handed back, and failed reads, are logged; nowhere when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary><paramref name="options"/> for a registry on <paramref name="node"/>: its name, its roles, its lease keeper and membership.</summary>
    public static RegistryOptions Apply(RegistryOptions options, ClusterNode node, MachineCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        return options with
        {
            NodeName = node.Options.NodeName,
            NodeRoles = [.. node.Options.Roles],
            Cluster = new ClusterPlacementOptions { Leases = node.Leases, Membership = node.Membership, Catalog = catalog },
        };
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Leases);
        ArgumentNullException.ThrowIfNull(Membership);
        ArgumentNullException.ThrowIfNull(Catalog);
        if (CatalogPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CatalogPollInterval), CatalogPollInterval, "The catalog poll interval must be positive.");
        }
        if (ReadTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadTimeout), ReadTimeout, "The read timeout must be positive.");
        }
        if (AddLeaseWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AddLeaseWait), AddLeaseWait, "The add lease wait cannot be negative.");
        }
    }
}
