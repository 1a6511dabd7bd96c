using MachineActors.Actors;

namespace MachineActors.Registry.Cluster;

/// <summary>Wires a cluster registry's graceful leave into its node's coordinated shutdown.</summary>
public static class RegistryShutdown
{
    /// <summary>
    /// Asks <paramref name="registry"/> to <see cref="HandOverMachines"/> in the phase before the cluster leave, so
    /// its machines are stopped and their leases given back before the node leaves the membership.
    /// </summary>
    public static void HandOverOnShutdown(ActorSystem system, IActorRef registry, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "registry-hand-over", async cancellationToken =>
            await registry.Ask<MachinesHandedOver>(HandOverMachines.Instance, timeout, cancellationToken).ConfigureAwait(false));
    }
}
