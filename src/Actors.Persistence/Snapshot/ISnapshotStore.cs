namespace MachineActors.Actors.Persistence;

/// <summary>
/// A snapshot store. Contract (checked by the snapshot contract test suite): a load returns the
/// newest snapshot (highest sequence number) matching the criteria; saving at an existing
/// (persistence id, sequence nr) replaces it; deletes affect only what they select.
/// </summary>
public interface ISnapshotStore : IAsyncDisposable
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken);

    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken);

    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken);

    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken);
}
