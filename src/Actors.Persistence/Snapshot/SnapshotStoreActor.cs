namespace MachineActors.Actors.Persistence;

/// <summary>Serves snapshot loads, saves and deletes without blocking its mailbox on the store.</summary>
internal sealed class SnapshotStoreActor : ReceiveActor
{
    public SnapshotStoreActor(ISnapshotStore store)
    {
        Receive<LoadSnapshot>(load => store.LoadAsync(load.PersistenceId, load.Criteria, CancellationToken.None)
            .PipeTo(load.ReplyTo, Self, snapshot => new LoadSnapshotResult(snapshot), cause => new LoadSnapshotFailed(cause)));
        Receive<SaveSnapshotRequest>(save => store.SaveAsync(save.Metadata, save.Snapshot, CancellationToken.None)
            .PipeTo(save.ReplyTo, new SaveSnapshotSuccess(save.Metadata), Self, cause => new SaveSnapshotFailure(save.Metadata, cause)));
        Receive<DeleteSnapshotsRequest>(delete => store.DeleteAsync(delete.PersistenceId, delete.Criteria, CancellationToken.None)
            .PipeTo(delete.ReplyTo, new DeleteSnapshotsSuccess(delete.Criteria), Self, cause => new DeleteSnapshotsFailure(delete.Criteria, cause)));
    }
}
