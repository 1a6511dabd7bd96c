namespace MachineActors.Registry.Cluster;

/// <summary>
/// A machine store shared by the nodes of a cluster. Its list of machines is the cluster's machine catalog: adding a
/// machine stores it, then lists it; removing unlists it, then deletes it; an update also sets the machine's
/// placement in the catalog. A machine's own records are written only by the node that holds its lease, so a node
/// that is about to run a machine reads them with <see cref="LoadFresh"/>, never from a copy it kept from before.
/// </summary>
public interface IPlacedMachineConfigStore : IMachineConfigStore
{
    /// <summary>
    /// The machine's config and last recorded state as stored now, whoever wrote them (a copy kept on this node is
    /// dropped first); null when no machine with that id is stored.
    /// </summary>
    Task<LoadedMachine?> LoadFresh(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops what this node keeps of the machine's records, once every write it made is stored. Call it when this
    /// node stops running the machine: another node may write its records from then on.
    /// </summary>
    Task Forget(Guid id, CancellationToken cancellationToken = default);
}
