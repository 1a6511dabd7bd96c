using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Cluster;

namespace MachineActors.Registry;

/// <summary>
/// A cluster registry's leases: a grant reads the machine's records fresh and starts it (and its print queue, which
/// recovers its jobs: one found printing is reported interrupted, queued ones run); a lost lease stops the machine
/// at once, cancelling the driver call it is in.
/// </summary>
public sealed partial class RegistryActor
{
    private void ReceiveLeases()
    {
        Receive<LeaseGranted>(OnLeaseGranted);
        Receive<LeaseLost>(OnLeaseLost);
        Receive<HeldMachineLoadFailed>(OnHeldMachineLoadFailed);
        Receive<AddLeaseWaitElapsed>(elapsed =>
        {
            if (_placed.TryGetValue(elapsed.MachineId, out var placed))
            {
                AnswerAddWaiter(placed);
            }
        });
    }

    private void OnLeaseGranted(LeaseGranted granted)
    {
        if (!MachineKeys.TryParse(granted.MachineId, out var id))
        {
            return;
        }
        if (!_placed.TryGetValue(id, out var placed))
        {
            // Asked for before a graceful leave or a removal: nothing was started with it.
            ClusterOptions.Leases.Tell(new ReleaseLease(granted.MachineId), Self);
            return;
        }
        if (placed.Phase != PlacedPhase.Acquiring)
        {
            return;
        }
        if (_leaving || !IsEligible(placed.Placement))
        {
            _placed.Remove(id);
            ClusterOptions.Leases.Tell(new ReleaseLease(granted.MachineId), Self);
            AnswerAddWaiter(placed);
            return;
        }
        placed.Phase = PlacedPhase.Loading;
        placed.Epoch = granted.Epoch;
        var epoch = granted.Epoch;
        PlacedStore.LoadFresh(id).PipeTo(Self, Self,
            machine => new HeldMachineLoaded(id, epoch, machine),
            error => new HeldMachineLoadFailed(id, epoch, error));
    }

    /// <summary>Registers a machine whose lease this node holds, from its records as read after the grant, and starts it.</summary>
    private void OnHeldMachineLoaded(HeldMachineLoaded loaded)
    {
        var id = loaded.MachineId;
        if (!_placed.TryGetValue(id, out var placed) || placed.Phase != PlacedPhase.Loading || placed.Epoch != loaded.Epoch)
        {
            return;
        }
        if (loaded.Machine is not { } machine)
        {
            PlacementLog.LoadFailed(PlacementLogger, _options.NodeName, id, null);
            AnswerAddWaiter(placed);
            Release(id, placed, drain: false, "its records are missing");
            return;
        }
        var waiter = placed.AddWaiter;
        placed.AddWaiter = null;
        Timers.Cancel(new AddLeaseWaitKey(id));
        var config = machine.Config;
        // As after a restart of a single node, the print queue opens once the initialisation was attempted.
        var init = new PendingRequest(waiter?.ReplyTo, waiter?.Reply, failsOnDriverError: false, isStageInit: false) { AfterFinish = OpenHeldPrintQueue };
        placed.Phase = PlacedPhase.Running;
        var entry = AddEntry(config, machine.State, _errors, Time.GetUtcNow(), init, fenced: true)!;
        PlacementLog.Running(PlacementLogger, _options.NodeName, id, placed.Epoch);
        if (!entry.IsRunning || !config.Active)
        {
            OpenHeldPrintQueue(entry);
            if (waiter?.ReplyTo is { } replyTo)
            {
                Reply(replyTo, new MachineResult(View(entry)));
            }
        }
    }

    /// <summary>Opens the print queue of a held machine that can print, unless it has been unloaded or handed back meanwhile.</summary>
    private void OpenHeldPrintQueue(MachineEntry entry)
    {
        if (_machines.GetValueOrDefault(entry.Id) == entry
            && _placed.TryGetValue(entry.Id, out var placed) && placed.Phase == PlacedPhase.Running
            && entry.Driver?.Registered.Instance is IPrintingDriver
            && Context.System.GetExtension<MachineActors.Actors.Persistence.Persistence>() is not null)
        {
            OpenPrintQueue(entry.Id);
        }
    }

    private void OnHeldMachineLoadFailed(HeldMachineLoadFailed failed)
    {
        if (_placed.TryGetValue(failed.MachineId, out var placed) && placed.Phase == PlacedPhase.Loading && placed.Epoch == failed.Epoch)
        {
            PlacementLog.LoadFailed(PlacementLogger, _options.NodeName, failed.MachineId, failed.Cause);
            AnswerAddWaiter(placed);
            Release(failed.MachineId, placed, drain: false, "its records could not be read");
        }
    }

    /// <summary>
    /// The lease is gone (the keeper gives it up before anyone else can take it): the machine's driver call is
    /// cancelled, its actor and print queue stop at once, nothing more of it is written; the lease is not given back.
    /// </summary>
    private void OnLeaseLost(LeaseLost lost)
    {
        if (!MachineKeys.TryParse(lost.MachineId, out var id) || !_placed.TryGetValue(id, out var placed) || placed.Phase == PlacedPhase.Acquiring)
        {
            return;
        }
        PlacementLog.Lost(PlacementLogger, _options.NodeName, id, lost.Epoch);
        placed.LeaseGone = true;
        AnswerAddWaiter(placed);
        _machines.TryGetValue(id, out var entry);
        StopHeld(id, placed, "moved to another node: this node lost its lease");
        // After the print queue was told to stop: the outcome of a print cut short here finds it gone, not writing.
        entry?.Fence?.Cancel();
    }

    /// <summary>
    /// AddMachine in a cluster, once the machine is stored and listed: this node asks for the lease when it should run
    /// the machine and answers once the initialisation was attempted; otherwise it answers at once with the machine
    /// stored but not running here (the node that should run it finds it in the catalog).
    /// </summary>
    private async Task AddPlaced(MachineConfig config, IActorRef replyTo)
    {
        if (!_leaving && !_placed.ContainsKey(config.Id) && await WantsNew(config).ConfigureAwait(false))
        {
            var placed = Acquire(config.Id, config.Placement);
            placed.AddWaiter = new PendingRequest(replyTo, MachineReply, failsOnDriverError: false, isStageInit: false);
            placed.AddedConfig = config;
            Timers.StartSingleTimer(new AddLeaseWaitKey(config.Id), new AddLeaseWaitElapsed(config.Id), ClusterOptions.AddLeaseWait);
            return;
        }
        // The stream actor that wrote it is not kept: the node that runs the machine writes its records from now on.
        var id = config.Id;
        _ = PlacedStore.Forget(id).PipeTo(Self, new StreamForgotten(id), Self, _ => new StreamForgotten(id));
        Reply(replyTo, NotRunning(config));
    }

    private async Task<bool> WantsNew(MachineConfig config)
    {
        if (!IsEligible(config.Placement))
        {
            return false;
        }
        if (string.Equals(config.Placement, _options.NodeName, StringComparison.Ordinal))
        {
            return true;
        }
        CurrentClusterState state;
        try
        {
            state = await ClusterOptions.Membership.Ask<CurrentClusterState>(GetClusterState.Instance, ClusterOptions.ReadTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The next poll decides.
            return false;
        }
        return PlacementPolicy.Wants(MachineKeys.Of(config.Id), config.Placement, _options.NodeName, _options.NodeRoles, PlacementPolicy.Available(state));
    }

    /// <summary>Answers a waiting AddMachine with the machine stored but not running (yet) on this node.</summary>
    private void AnswerAddWaiter(PlacedMachine placed)
    {
        if (placed.AddWaiter is not { } waiter)
        {
            return;
        }
        placed.AddWaiter = null;
        Timers.Cancel(new AddLeaseWaitKey(placed.Id));
        if (waiter.ReplyTo is { } replyTo && placed.AddedConfig is { } config)
        {
            Reply(replyTo, NotRunning(config));
        }
    }

    private MachineResult NotRunning(MachineConfig config) =>
        new(ViewOf(new MachineRecord(config, new()), _drivers.ContainsKey(config.DriverSlug), false, false));
}
