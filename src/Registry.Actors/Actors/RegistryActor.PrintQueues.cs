using MachineActors.Actors;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Printing;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Registry;

/// <summary>
/// A cluster registry's print queues: one child per held machine, its own stream <c>print-jobs-&lt;id&gt;</c> written
/// only while this node holds the machine's lease, and no shared <c>print-queues</c> list (the catalog and the leases
/// say which node opens which queue).
/// </summary>
public sealed partial class RegistryActor
{
    private readonly Dictionary<Guid, IActorRef> _queues = [];
    private int _nextQueue;

    /// <summary>The machine's queue, opened if needed: recovery reports a job found printing interrupted and runs the queued ones.</summary>
    private IActorRef OpenPrintQueue(Guid machineId)
    {
        if (_queues.TryGetValue(machineId, out var queue))
        {
            return queue;
        }
        if (Context.System.GetExtension<PersistenceExtension>() is null)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, "Printing needs persistence, which this node has not started");
        }
        // Numbered: the queue of a machine handed back and taken again may still hold its name while it stops.
        queue = Context.ActorOf(PrintQueueActor.Props(machineId, Self, _options.PrintQueue), $"print-queue-{++_nextQueue}");
        Context.WatchWith(queue, new PrintQueueStopped(machineId, queue));
        _queues[machineId] = queue;
        return queue;
    }

    /// <summary>Where a machine's print requests go: its own queue in a cluster, the node's print queues otherwise.</summary>
    private IActorRef PrintQueueOf(Guid machineId) => _options.Cluster is null ? PrintQueues() : OpenPrintQueue(machineId);

    private void DrainPrintQueues(DrainPrinting request, IActorRef replyTo)
    {
        if (_options.Cluster is null)
        {
            if (Context.Child(PrintQueuesName) is { } queues)
            {
                queues.Tell(request, replyTo);
            }
            else
            {
                Reply(replyTo, PrintingDrained.Instance);
            }
            return;
        }
        var timeout = _options.PrintQueue.JobTimeout;
        Task.WhenAll(_queues.Values.Select(queue => queue.Ask<PrintingDrained>(DrainPrinting.Instance, timeout)))
            .PipeTo(replyTo, Self, _ => PrintingDrained.Instance);
    }
}
