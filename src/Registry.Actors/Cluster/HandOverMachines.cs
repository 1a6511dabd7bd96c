namespace MachineActors.Registry.Cluster;

/// <summary>
/// Graceful leave of a cluster node's registry, sent before the node leaves the membership (or registered on
/// coordinated shutdown with <see cref="RegistryShutdown.HandOverOnShutdown"/>): the registry takes no further
/// machine, lets the running print job of each machine finish (queued jobs stay queued for the next holder), stops
/// every machine, waits until their records are stored, and gives every lease back, so other nodes take the machines
/// at once and without errors. Answered with <see cref="MachinesHandedOver"/>; at once outside a cluster.
/// </summary>
public sealed record HandOverMachines
{
    public static readonly HandOverMachines Instance = new();
}

/// <summary>The answer to <see cref="HandOverMachines"/>: <paramref name="Count"/> machines were stopped and their leases given back.</summary>
public sealed record MachinesHandedOver(int Count);
