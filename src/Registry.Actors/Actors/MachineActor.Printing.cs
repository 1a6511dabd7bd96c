using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry.Actors;

internal sealed partial class MachineActor
{
    private const string PrintingStatus = "PRINTING";
    private const string ReadyStatus = "CONNECTED";

    /// <summary>
    /// Runs one print job through the driver, like any other driver call of this machine (never beside another),
    /// with the status PRINTING meanwhile. The job's queue hears of every printed label and of the outcome: a
    /// <see cref="PrintFailedException"/> fails the job (interrupts it when labels may have printed); a timeout
    /// interrupts it (the printer may have it); any other exception fails the job and then the machine.
    /// </summary>
    private async Task Print(PrintOnMachine print)
    {
        await AwaitDriver().ConfigureAwait(false);
        if (_driver is not IPrintingDriver printing || !Active || !Initialized)
        {
            var reason = _driverFailure ?? (_driver is null or IPrintingDriver ? "it is not initialised" : $"its driver '{_driver.Slug}' cannot print");
            print.Queue.Tell(new PrintJobFinished(print.Job.Id, $"Machine '{Name}' cannot print: {reason}.", MayHavePrinted: false), Self);
            return;
        }
        BeginCall();
        SetStatusNamed(PrintingStatus);
        var progress = new QueueProgress(print.Queue, print.Job.Id, Self);
        PrintJobFinished finished;
        DriverCallException? machineFailure = null;
        try
        {
            Task printed;
            var startedAt = EnterCall(nameof(IPrintingDriver.PrintLabels), print.Timeout);
            try
            {
                printed = DriverCall.Run(
                    nameof(IPrintingDriver.PrintLabels), token => printing.PrintLabels(this, print.Job, progress, token), print.Timeout, Time, startedAt, _setup.Fence);
            }
            finally
            {
                _setup.CallWatch.Exit();
            }
            await printed.ConfigureAwait(false);
            finished = new PrintJobFinished(print.Job.Id, null, MayHavePrinted: false);
        }
        catch (DriverCallException e) when (e.InnerException is PrintFailedException failed)
        {
            finished = new PrintJobFinished(print.Job.Id, failed.Message, failed.MayHavePrinted);
        }
        catch (DriverCallException e) when (e.InnerException is null)
        {
            // Timed out: the printer may have some of it, so it is interrupted, not retried.
            finished = new PrintJobFinished(print.Job.Id, e.Message, MayHavePrinted: true);
        }
        catch (DriverCallException e)
        {
            finished = new PrintJobFinished(print.Job.Id, e.Message, MayHavePrinted: false);
            machineFailure = e;
        }
        if (Status.Name == PrintingStatus)
        {
            // The driver left PRINTING in place: the outcome decides what the machine shows now.
            if (finished.Error is null)
            {
                SetStatusNamed(ReadyStatus);
            }
            else
            {
                SetStatus(_setup.Type.ErrorStatus);
            }
        }
        print.Queue.Tell(finished, Self);
        var (state, settings) = EndCall();
        if (machineFailure is not null)
        {
            var context = new MachineFailureContext(_setup.Incarnation, 0, state, settings);
            throw new MachineFailureException(Id, machineFailure.Call, machineFailure.Message, machineFailure.InnerException, context);
        }
        Registry.Tell(new MachineStateChanged(Id, _setup.Incarnation, state, settings), Self);
    }

    private void SetStatusNamed(string name)
    {
        if (_setup.Type.Statuses.Find(name) is { } status)
        {
            SetStatus(status);
        }
    }

    /// <summary>Tells the job's queue about each label the driver reports printed.</summary>
    private sealed class QueueProgress(IActorRef queue, Guid jobId, IActorRef machine) : IPrintProgress
    {
        public void LabelPrinted(int labelIndex) => queue.Tell(new PrintJobProgressed(jobId, labelIndex), machine);

        public void Report(int percent)
        {
        }
    }
}
