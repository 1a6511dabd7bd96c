namespace MachineActors.Actors.Persistence;

/// <summary>Which snapshots a load or delete applies to: both bounds are inclusive.</summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr = long.MaxValue,
    DateTimeOffset? MaxTimestamp = null,
    long MinSequenceNr = 0,
    DateTimeOffset? MinTimestamp = null)
{
    /// <summary>The newest snapshot.</summary>
    public static readonly SnapshotSelectionCriteria Latest = new();

    /// <summary>No snapshot: recovery replays every event.</summary>
    public static readonly SnapshotSelectionCriteria None = new(MaxSequenceNr: 0, MinSequenceNr: 1);

    public bool Matches(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr
        && metadata.SequenceNr >= MinSequenceNr
        && (MaxTimestamp is null || metadata.Timestamp <= MaxTimestamp)
        && (MinTimestamp is null || metadata.Timestamp >= MinTimestamp);
}
