using MachineActors.Actors;
using MachineActors.Actors.Persistence;

namespace MachineActors.Registry.Printing;

/// <summary>
/// The print queues of a node ("print-queues"): remembers which machines have a queue, so that after a restart
/// every queue comes back (its printing job reported interrupted, its queued jobs run), and routes to them.
/// A machine's queue is recorded before its first job is accepted.
/// </summary>
internal sealed class PrintQueues : ReceivePersistentActor
{
    private readonly IActorRef _registry;
    private readonly PrintQueueOptions _options;
    private readonly HashSet<Guid> _opened = [];

    public PrintQueues(IActorRef registry, PrintQueueOptions options)
    {
        _registry = registry;
        _options = options;
        Recover<PrintQueueOpened>(opened => _opened.Add(opened.MachineId));
        Recover<RecoveryCompleted>(_ =>
        {
            foreach (var machineId in _opened)
            {
                Queue(machineId);
            }
        });
        Command<EnqueuePrintJob>(enqueue =>
        {
            if (_opened.Contains(enqueue.MachineId))
            {
                Queue(enqueue.MachineId).Forward(enqueue);
                return;
            }
            Persist(new PrintQueueOpened(enqueue.MachineId), opened =>
            {
                _opened.Add(opened.MachineId);
                Queue(opened.MachineId).Forward(enqueue);
            });
        });
        Command<DrainPrinting>(_ => Drain(_options.JobTimeout));
        Command<GetPrintJobs>(get =>
        {
            if (_opened.Contains(get.MachineId))
            {
                Queue(get.MachineId).Forward(get);
            }
            else
            {
                Sender.Tell(new PrintJobsResult([]), Self);
            }
        });
        Command<GetPrintJob>(get =>
        {
            if (_opened.Contains(get.MachineId))
            {
                Queue(get.MachineId).Forward(get);
            }
            else
            {
                Sender.Tell(new Status.Failure(new RegistryOperationException(RegistryErrorKind.NotFound, $"Print job '{get.JobId}' not found")), Self);
            }
        });
    }

    public override string PersistenceId => "print-queues";

    private void Drain(TimeSpan timeout)
    {
        var queues = Context.Children.ToList();
        Task.WhenAll(queues.Select(queue => queue.Ask<PrintingDrained>(DrainPrinting.Instance, timeout)))
            .PipeTo(Sender, Self, _ => PrintingDrained.Instance);
    }

    public static Props Props(IActorRef registry, PrintQueueOptions options) => MachineActors.Actors.Props.Create(() => new PrintQueues(registry, options));

    private IActorRef Queue(Guid machineId)
    {
        var name = machineId.ToString("N");
        return Context.Child(name) ?? Context.ActorOf(PrintQueueActor.Props(machineId, _registry, _options), name);
    }
}

public sealed record PrintQueueOpened(Guid MachineId);
