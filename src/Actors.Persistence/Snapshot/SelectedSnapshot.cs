namespace MachineActors.Actors.Persistence;

public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
