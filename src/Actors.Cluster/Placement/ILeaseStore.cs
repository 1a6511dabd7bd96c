namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Where <see cref="LeaseKeeper"/> takes, renews and gives back machine leases. Every call is set-based (one
/// round trip for any number of machines) and every expiry is computed on the store's clock, never the caller's.
/// <see cref="LeaseStore"/> is the PostgreSQL implementation.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes every lease among <paramref name="machineIds"/> that is absent, expired, or already held by this
    /// owner and incarnation, for <paramref name="duration"/>; returns the leases granted. The epoch grows by one
    /// when the holder changes and stays when the same holder takes its lease again.
    /// </summary>
    Task<IReadOnlyList<MachineLease>> TryAcquireAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends the unexpired leases this owner and incarnation hold among <paramref name="machineIds"/>; returns their ids.</summary>
    Task<IReadOnlyCollection<string>> RenewAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Ends the unexpired leases this owner and incarnation hold among <paramref name="machineIds"/> now (keeping their epochs); returns their ids.</summary>
    Task<IReadOnlyCollection<string>> ReleaseAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        CancellationToken cancellationToken = default);
}
