namespace MachineActors.Actors.Persistence;

public abstract partial class PersistentActor
{
    private void OnWaitingForPermit(object message)
    {
        if (message is RecoveryPermitGranted)
        {
            _holdsRecoveryPermit = true;
            _phase = Phase.LoadingSnapshot;
            Extension.SnapshotStore.Tell(new LoadSnapshot(PersistenceId, RecoverySnapshot, Self), Self);
        }
        else
        {
            StashInternally();
        }
    }

    private void OnLoadingSnapshot(object message)
    {
        switch (message)
        {
            case LoadSnapshotResult result:
                if (result.Snapshot is { } selected)
                {
                    SnapshotSequenceNr = LastSequenceNr = selected.Metadata.SequenceNr;
                    if (!TryRecover(new SnapshotOffer(selected.Metadata, selected.Snapshot), selected.Snapshot))
                    {
                        return;
                    }
                }
                _phase = Phase.Replaying;
                Extension.Journal.Tell(new ReplayMessages(PersistenceId, LastSequenceNr + 1, long.MaxValue, long.MaxValue, Self), Self);
                break;
            case LoadSnapshotFailed failed:
                OnRecoveryFailure(failed.Cause, null);
                StopAfterFailure(failed.Cause);
                break;
            default:
                StashInternally();
                break;
        }
    }

    private void OnReplaying(object message)
    {
        switch (message)
        {
            case ReplayedMessage replayed:
                LastSequenceNr = replayed.Event.SequenceNr;
                TryRecover(replayed.Event.Payload, replayed.Event.Payload);
                break;
            case RecoverySuccess success:
                LastSequenceNr = Math.Max(LastSequenceNr, success.HighestSequenceNr);
                _assignedSequenceNr = LastSequenceNr;
                // Commands are processed from here on, so the RecoveryCompleted handler may persist (as in Akka);
                // what it persists holds the stashed commands back like any persist does.
                _phase = Phase.ProcessingCommands;
                GiveRecoveryPermitBack();
                if (TryRecover(RecoveryCompleted.Instance, null))
                {
                    FlushBatch();
                    if (_phase == Phase.ProcessingCommands)
                    {
                        UnstashInternal();
                    }
                }
                break;
            case ReplayMessagesFailure failure:
                OnRecoveryFailure(failure.Cause, null);
                StopAfterFailure(failure.Cause);
                break;
            default:
                StashInternally();
                break;
        }
    }

    /// <summary>Runs the recovery handler; an exception there is a recovery failure that stops the actor.</summary>
    private bool TryRecover(object message, object? @event)
    {
        if (_phase == Phase.Stopped)
        {
            return false;
        }
        try
        {
            if (!ReceiveRecover(message) && message is not RecoveryCompleted and not SnapshotOffer)
            {
                Unhandled(message);
            }
            return true;
        }
        catch (Exception e)
        {
            OnRecoveryFailure(e, @event);
            StopAfterFailure(e);
            return false;
        }
    }
}
