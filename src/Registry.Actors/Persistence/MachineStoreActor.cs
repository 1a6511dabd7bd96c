using MachineActors.Actors;

namespace MachineActors.Registry.Persistence;

/// <summary>
/// Routes store commands: index commands to the index (when the store keeps one), machine commands to that machine's
/// stream actor, started on demand and kept. <see cref="ForgetStoredMachine"/> drops a kept stream actor once every
/// write it took is stored; commands for that machine that arrive meanwhile wait and then go to a fresh stream actor,
/// which recovers whatever the journal holds, whichever node wrote it.
/// </summary>
internal sealed class MachineStoreActor : ReceiveActor
{
    private readonly Dictionary<Guid, IActorRef> _streams = [];
    private readonly Dictionary<Guid, Passivation> _passivating = [];
    private long _nextChild;

    /// <param name="withIndex">Keep the <c>machine-index</c> stream (a single node); false when the cluster catalog lists the machines.</param>
    public MachineStoreActor(bool withIndex)
    {
        if (withIndex)
        {
            var index = Context.ActorOf(Props.Create(() => new MachineIndexActor()), "index");
            Receive<IndexMachine>(message => index.Forward(message));
            Receive<UnindexMachine>(message => index.Forward(message));
            Receive<GetIndexedMachines>(message => index.Forward(message));
        }
        Receive<ForgetStoredMachine>(Forget);
        Receive<MachineStreamCommand>(Route);
        Receive<StreamStopped>(OnStreamStopped);
    }

    private void Route(MachineStreamCommand command)
    {
        if (_passivating.TryGetValue(command.Id, out var passivation))
        {
            passivation.Waiting.Add((command, Sender));
            return;
        }
        Stream(command.Id).Forward(command);
    }

    private void Forget(ForgetStoredMachine forget)
    {
        if (_passivating.TryGetValue(forget.MachineId, out var passivation))
        {
            passivation.Forgetters.Add(Sender);
            return;
        }
        if (!_streams.Remove(forget.MachineId, out var stream))
        {
            Sender.Tell(StoreDone.Instance, Self);
            return;
        }
        _passivating[forget.MachineId] = new Passivation(stream, [Sender], []);
        stream.Tell(PassivateStream.Instance, Self);
    }

    private void OnStreamStopped(StreamStopped stopped)
    {
        if (_streams.TryGetValue(stopped.MachineId, out var current) && current.Equals(stopped.Stream))
        {
            // It stopped by itself (a failed write): the next command starts a fresh one.
            _streams.Remove(stopped.MachineId);
        }
        if (!_passivating.TryGetValue(stopped.MachineId, out var passivation) || !passivation.Stream.Equals(stopped.Stream))
        {
            return;
        }
        _passivating.Remove(stopped.MachineId);
        foreach (var forgetter in passivation.Forgetters)
        {
            forgetter.Tell(StoreDone.Instance, Self);
        }
        foreach (var (command, sender) in passivation.Waiting)
        {
            Stream(command.Id).Tell(command, sender);
        }
    }

    private IActorRef Stream(Guid id)
    {
        if (_streams.TryGetValue(id, out var stream))
        {
            return stream;
        }
        // Numbered: a passivated stream actor may still hold its name while its successor starts.
        var name = $"{id:N}-{++_nextChild}";
        stream = Context.ActorOf(Props.Create(() => new MachineStreamActor(id)), name);
        Context.WatchWith(stream, new StreamStopped(id, stream));
        _streams[id] = stream;
        return stream;
    }

    private sealed record StreamStopped(Guid MachineId, IActorRef Stream);

    private sealed record Passivation(IActorRef Stream, List<IActorRef> Forgetters, List<(MachineStreamCommand Command, IActorRef Sender)> Waiting);
}
