namespace MachineActors.Actors.Persistence;

internal sealed record LoadSnapshot(string PersistenceId, SnapshotSelectionCriteria Criteria, IActorRef ReplyTo);

internal sealed record LoadSnapshotResult(SelectedSnapshot? Snapshot);

internal sealed record LoadSnapshotFailed(Exception Cause);

internal sealed record SaveSnapshotRequest(SnapshotMetadata Metadata, object Snapshot, IActorRef ReplyTo);

internal sealed record DeleteSnapshotsRequest(string PersistenceId, SnapshotSelectionCriteria Criteria, IActorRef ReplyTo);

/// <summary>Offered to the recovery handler first when a snapshot was found; events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Delivered to the command handler after <c>SaveSnapshot</c> succeeded.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Delivered to the command handler when <c>SaveSnapshot</c> failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
