using MachineActors.Actors;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Printing;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private const string PrintQueuesName = "print";

    private void ReceivePrinting()
    {
        Request<SubmitPrintJob>((request, replyTo) =>
        {
            var entry = Find(request.MachineId);
            var printing = PrintingDriverOf(entry);
            if (request.Labels.Count == 0)
            {
                throw Invalid("A print job needs at least one label");
            }
            var options = printing.ParsePrintOptions(request.Options);
            if (!options.IsValid)
            {
                throw Invalid(string.Join("; ", options.Errors));
            }
            PrintQueueOf(entry.Id).Tell(new EnqueuePrintJob(entry.Id, request.Labels, options.Options!, request.IdempotencyKey), replyTo);
        });
        Request<GetPrintJobs>((request, replyTo) =>
        {
            var id = Find(request.MachineId).Id;
            PrintQueueOf(id).Tell(request with { MachineId = id }, replyTo);
        });
        Request<GetPrintJob>((request, replyTo) =>
        {
            var id = Find(request.MachineId).Id;
            PrintQueueOf(id).Tell(request with { MachineId = id }, replyTo);
        });
        Receive<RunPrintJob>(RunPrintJob);
        Request<DrainPrinting>(DrainPrintQueues);
    }

    /// <summary>A queue's next job: handed to the machine's actor, or failed at once when the machine cannot take it.</summary>
    private void RunPrintJob(RunPrintJob run)
    {
        var queue = Sender;
        string? refusal = null;
        if (!_machines.TryGetValue(run.MachineId, out var entry) || !entry.IsRunning)
        {
            refusal = "The machine is not running";
        }
        else if (entry.Driver?.Registered.Instance is not IPrintingDriver printing)
        {
            refusal = $"Machine '{entry.Record.Config.Name}' cannot print";
        }
        else
        {
            var parsed = printing.ParsePrintOptions(run.Options);
            if (parsed.IsValid)
            {
                var job = new PrintJob(run.JobId, run.Labels, parsed.Options);
                entry.Actor!.Tell(new PrintOnMachine(job, queue, _options.PrintJobTimeout), Self);
                return;
            }
            refusal = string.Join("; ", parsed.Errors);
        }
        queue.Tell(new PrintJobFinished(run.JobId, refusal, MayHavePrinted: false), Self);
    }

    private IPrintingDriver PrintingDriverOf(MachineEntry entry) =>
        entry.Driver?.Registered.Instance as IPrintingDriver
        ?? throw Invalid($"Machine '{entry.Record.Config.Name}' cannot print: driver '{entry.Record.Config.DriverSlug}' is not a printing driver");

    /// <summary>The print queues, started with the registry once it is ready (so queued jobs resume after a restart).</summary>
    private IActorRef PrintQueues()
    {
        if (Context.Child(PrintQueuesName) is { } queues)
        {
            return queues;
        }
        if (Context.System.GetExtension<PersistenceExtension>() is null)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, "Printing needs persistence, which this node has not started");
        }
        return Context.ActorOf(Printing.PrintQueues.Props(Self, _options.PrintQueue), PrintQueuesName);
    }

    private void StartPrintQueuesIfPersistent()
    {
        // In a cluster each held machine's queue opens with the machine; no shared list of queues is kept.
        if (_options.Cluster is null && Context.System.GetExtension<PersistenceExtension>() is not null)
        {
            PrintQueues();
        }
    }
}
