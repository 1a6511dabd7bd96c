using MachineActors.Actors;
using MachineActors.Actors.Persistence;

namespace MachineActors.Registry.Persistence;

/// <summary>Which machine streams are live ("machine-index"); changes are answered once stored.</summary>
internal sealed class MachineIndexActor : ReceivePersistentActor
{
    public const string Id = "machine-index";
    private const int SnapshotEvery = 500;

    private readonly HashSet<Guid> _ids = [];

    public MachineIndexActor()
    {
        Recover<SnapshotOffer>(offer =>
        {
            _ids.Clear();
            _ids.UnionWith(((MachineIndexSnapshot)offer.Snapshot).Ids);
        });
        Recover<MachineIndexed>(indexed => _ids.Add(indexed.Id));
        Recover<MachineUnindexed>(unindexed => _ids.Remove(unindexed.Id));
        Command<IndexMachine>(index => Persist(new MachineIndexed(index.Id), indexed =>
        {
            _ids.Add(indexed.Id);
            Acknowledge();
        }));
        Command<UnindexMachine>(unindex => Persist(new MachineUnindexed(unindex.Id), unindexed =>
        {
            _ids.Remove(unindexed.Id);
            Acknowledge();
        }));
        Command<GetIndexedMachines>(_ => Sender.Tell(_ids.ToList(), Self));
        DeleteEventsCoveredBySnapshots();
    }

    public override string PersistenceId => Id;

    private void Acknowledge()
    {
        Sender.Tell(StoreDone.Instance, Self);
        if (LastSequenceNr % SnapshotEvery == 0)
        {
            SaveSnapshot(new MachineIndexSnapshot([.. _ids]));
        }
    }
}
