using MachineActors.Actors;
using MachineActors.Actors.Persistence;

namespace MachineActors.Registry.Persistence;

/// <summary>
/// One machine's persisted config, settings and last runtime state ("machine-&lt;id&gt;"). Commands are answered
/// only after their event is stored. Every <see cref="SnapshotEvery"/> events a snapshot is saved and the events
/// before it deleted, so frequent status changes do not make recovery slow.
/// </summary>
internal sealed class MachineStreamActor : ReceivePersistentActor
{
    public const int SnapshotEvery = 100;

    private readonly Guid _id;
    private PersistedMachineConfig? _config;
    private PersistedMachineState? _state;
    private bool _deleted;

    public MachineStreamActor(Guid id)
    {
        _id = id;
        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (MachineStreamSnapshot)offer.Snapshot;
            (_config, _state, _deleted) = (snapshot.Config, snapshot.State, snapshot.Deleted);
        });
        Recover<object>(Apply);
        Command<CreateStoredMachine>(create =>
        {
            if (_config is not null && !_deleted)
            {
                Sender.Tell(new Status.Failure(new InvalidOperationException($"A machine with id {_id} is already stored.")), Self);
                return;
            }
            PersistAndAck(new MachineCreated(PersistedMachineConfig.From(create.Config)));
        });
        Command<ReplaceStoredMachine>(replace => WhenLive(() => PersistAndAck(new MachineConfigReplaced(PersistedMachineConfig.From(replace.Config)))));
        Command<StoreMachineSetting>(setting => WhenLive(() => PersistAndAck(new MachineSettingStored(setting.Type, setting.Key, PersistedValue.From(setting.Value)))));
        Command<DeleteStoredMachine>(_ => PersistAndAck(new MachineDeleted(_id)));
        Command<StoreMachineState>(state =>
        {
            if (_config is not null && !_deleted)
            {
                PersistAsync(new MachineStateStored(PersistedMachineState.From(state.State)), stored =>
                {
                    Apply(stored);
                    SnapshotIfDue();
                });
            }
        });
        // Answered after every record made before it is stored: a read sees all earlier writes.
        Command<GetStoredMachine>(get => Defer(get, _ => Sender.Tell(
            _config is null || _deleted ? new StoredMachine(null, null) : new StoredMachine(_config.ToConfig(), _state?.ToState()), Self)));
        // Runs after the handlers of every write taken before it: nothing of this actor's is still on its way.
        Command<PassivateStream>(passivate => Defer(passivate, _ => Context.Stop(Self)));
        DeleteEventsCoveredBySnapshots();
    }

    public override string PersistenceId => $"machine-{_id}";

    /// <summary>
    /// The journal failed (a read at recovery or a write): the stream stops, and every caller of the store waiting for
    /// it (a read, or a change whose event was not stored) gets the failure now rather than at its timeout.
    /// </summary>
    protected override bool OnDroppedAfterFailure(object message, IActorRef? sender, Exception cause)
    {
        // State records are told without an answer; the rest are the store's asks (events carry their command's asker).
        if (sender is null || sender.Equals(Self) || sender.Equals(Context.Parent)
            || message is not (GetStoredMachine or CreateStoredMachine or ReplaceStoredMachine or StoreMachineSetting or DeleteStoredMachine
                or MachineCreated or MachineConfigReplaced or MachineSettingStored or MachineDeleted))
        {
            return false;
        }
        sender.Tell(new Status.Failure(new InvalidOperationException($"The records of machine {_id} could not be read or stored: {cause.Message}", cause)), Self);
        return true;
    }

    private void WhenLive(Action persist)
    {
        if (_config is null || _deleted)
        {
            Sender.Tell(new Status.Failure(new KeyNotFoundException($"No machine with id {_id} is stored.")), Self);
            return;
        }
        persist();
    }

    private void PersistAndAck(object @event) => Persist(@event, stored =>
    {
        Apply(stored);
        SnapshotIfDue();
        Sender.Tell(StoreDone.Instance, Self);
    });

    private void Apply(object @event)
    {
        switch (@event)
        {
            case MachineCreated created:
                (_config, _state, _deleted) = (created.Config, null, false);
                break;
            case MachineConfigReplaced replaced:
                _config = replaced.Config;
                break;
            case MachineSettingStored setting when _config is not null:
                _config = PersistedMachineConfig.From(_config.ToConfig().WithSetting(setting.Type, setting.Key, setting.Value?.ToValue()));
                break;
            case MachineStateStored stored:
                _state = stored.State;
                break;
            case MachineDeleted:
                (_config, _state, _deleted) = (null, null, true);
                break;
        }
    }

    // Only after a newly stored event: replayed events and RecoveryCompleted must not save snapshots again.
    private void SnapshotIfDue()
    {
        if (LastSequenceNr % SnapshotEvery == 0)
        {
            SaveSnapshot(new MachineStreamSnapshot(_config, _state, _deleted));
        }
    }
}
