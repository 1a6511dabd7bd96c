using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence.InMemory;

/// <summary>A snapshot store in process memory, for tests; serializes like the real stores.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly EventSerializer _serializer;
    private readonly List<(SnapshotMetadata Metadata, SerializedPayload Payload)> _snapshots;

    public InMemorySnapshotStore(EventSerializer serializer)
        : this(serializer, [])
    {
    }

    private InMemorySnapshotStore(EventSerializer serializer, List<(SnapshotMetadata Metadata, SerializedPayload Payload)> snapshots)
    {
        _serializer = serializer;
        _snapshots = snapshots;
    }

    /// <summary>Another store over the same memory with another serializer, as reopening a database would be.</summary>
    public InMemorySnapshotStore Reopen(EventSerializer serializer) => new(serializer, _snapshots);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        (SnapshotMetadata Metadata, SerializedPayload Payload) newest;
        lock (_snapshots)
        {
            newest = _snapshots
                .Where(s => s.Metadata.PersistenceId == persistenceId && criteria.Matches(s.Metadata))
                .OrderByDescending(s => s.Metadata.SequenceNr)
                .ThenByDescending(s => s.Metadata.Timestamp)
                .FirstOrDefault();
        }
        if (newest.Metadata is null)
        {
            return Task.FromResult<SelectedSnapshot?>(null);
        }
        var snapshot = _serializer.Deserialize(newest.Payload.Manifest, newest.Payload.Bytes, $"snapshot {persistenceId} #{newest.Metadata.SequenceNr}");
        return Task.FromResult<SelectedSnapshot?>(new SelectedSnapshot(newest.Metadata, snapshot));
    }

    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var payload = _serializer.Serialize(snapshot);
        lock (_snapshots)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == metadata.PersistenceId && s.Metadata.SequenceNr == metadata.SequenceNr);
            _snapshots.Add((metadata, payload));
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        lock (_snapshots)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == metadata.PersistenceId && s.Metadata.SequenceNr == metadata.SequenceNr);
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        lock (_snapshots)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == persistenceId && criteria.Matches(s.Metadata));
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
