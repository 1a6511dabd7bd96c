using MachineActors.Actors;

namespace MachineActors.Registry.Persistence;

/// <summary>Routes store commands: index commands to the index, machine commands to that machine's stream (started on demand).</summary>
internal sealed class MachineStoreActor : ReceiveActor
{
    private readonly IActorRef _index;

    public MachineStoreActor()
    {
        _index = Context.ActorOf(Props.Create(() => new MachineIndexActor()), "index");
        Receive<IndexMachine>(message => _index.Forward(message));
        Receive<UnindexMachine>(message => _index.Forward(message));
        Receive<GetIndexedMachines>(message => _index.Forward(message));
        Receive<MachineStreamCommand>(command => Stream(command.Id).Forward(command));
    }

    private IActorRef Stream(Guid id)
    {
        var name = id.ToString("N");
        return Context.Child(name) ?? Context.ActorOf(Props.Create(() => new MachineStreamActor(id)), name);
    }
}
