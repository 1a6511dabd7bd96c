using MachineActors.Actors;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry;

/// <summary>
/// How a cluster registry stops running a machine: (for a hand-back) its running print job finishes, then its actor
/// and print queue stop, then its records are stored and dropped, and only then is its lease given back, so the next
/// holder starts from everything this node wrote. A graceful leave hands back every machine, then every lease.
/// </summary>
public sealed partial class RegistryActor
{
    private readonly List<IActorRef> _leaveWaiters = [];
    private bool _leaving;
    private bool _leasesReturning;
    private bool _left;
    private int _handedOver;

    private void ReceiveReleases()
    {
        Receive<ReleaseDrained>(drained =>
        {
            if (_placed.TryGetValue(drained.MachineId, out var placed) && placed.Phase == PlacedPhase.Draining)
            {
                StopHeld(drained.MachineId, placed, placed.StopReason);
            }
        });
        Receive<HeldActorStopped>(stopped =>
        {
            if (_placed.TryGetValue(stopped.MachineId, out var placed) && placed.Phase == PlacedPhase.Stopping && stopped.Actor.Equals(placed.StoppingMachine))
            {
                placed.StoppingMachine = null;
                ForgetWhenStopped(placed);
            }
        });
        Receive<PrintQueueStopped>(OnPrintQueueStopped);
        Receive<ReleaseStored>(OnReleaseStored);
        Receive<StreamForgotten>(_ => { });
        Receive<LeasesReturned>(_ => OnLeasesReturned());
    }

    /// <summary>Hands a held machine back; with <paramref name="drain"/>, after its running print job (queued ones stay for the next holder).</summary>
    private void Release(Guid id, PlacedMachine placed, bool drain, string reason)
    {
        if (!placed.IsHeld)
        {
            return;
        }
        placed.StopReason = reason;
        if (drain && placed.Phase == PlacedPhase.Running && _queues.TryGetValue(id, out var queue))
        {
            placed.Phase = PlacedPhase.Draining;
            queue.Ask<PrintingDrained>(DrainPrinting.Instance, _options.PrintQueue.JobTimeout)
                .PipeTo(Self, Self, _ => new ReleaseDrained(id, queue), _ => new ReleaseDrained(id, queue));
            return;
        }
        StopHeld(id, placed, reason);
    }

    /// <summary>Stops the machine's actor and print queue now and forgets the machine; the rest follows once both have stopped.</summary>
    private void StopHeld(Guid id, PlacedMachine placed, string reason)
    {
        if (placed.Phase == PlacedPhase.Stopping)
        {
            return;
        }
        placed.Phase = PlacedPhase.Stopping;
        if (_queues.Remove(id, out var queue))
        {
            // Watched since it started: its PrintQueueStopped says when it is gone.
            placed.StoppingQueue = queue;
            Context.Stop(queue);
        }
        if (_machines.TryGetValue(id, out var entry))
        {
            if (entry.Actor is { } actor)
            {
                placed.StoppingMachine = actor;
                Context.WatchWith(actor, new HeldActorStopped(id, actor));
            }
            Unload(entry, reason);
        }
        ForgetWhenStopped(placed);
    }

    private void ForgetWhenStopped(PlacedMachine placed)
    {
        if (placed.StoppingMachine is not null || placed.StoppingQueue is not null)
        {
            return;
        }
        var id = placed.Id;
        // Even when the store fails, the lease goes back: its writes have failed, not waited.
        PlacedStore.Forget(id).PipeTo(Self, new ReleaseStored(id), Self, _ => new ReleaseStored(id));
    }

    private void OnPrintQueueStopped(PrintQueueStopped stopped)
    {
        if (_queues.TryGetValue(stopped.MachineId, out var current) && current.Equals(stopped.Queue))
        {
            // It stopped by itself (a failed write): the next request for the machine's jobs opens it again.
            _queues.Remove(stopped.MachineId);
        }
        if (_placed.TryGetValue(stopped.MachineId, out var placed) && placed.Phase == PlacedPhase.Stopping && stopped.Queue.Equals(placed.StoppingQueue))
        {
            placed.StoppingQueue = null;
            ForgetWhenStopped(placed);
        }
    }

    private void OnReleaseStored(ReleaseStored stored)
    {
        if (!_placed.TryGetValue(stored.MachineId, out var placed) || placed.Phase != PlacedPhase.Stopping)
        {
            return;
        }
        _placed.Remove(stored.MachineId);
        if (!placed.LeaseGone)
        {
            ClusterOptions.Leases.Tell(new ReleaseLease(placed.Key), Self);
            PlacementLog.HandedBack(PlacementLogger, _options.NodeName, placed.Id, placed.StopReason);
        }
        if (_leaving)
        {
            _handedOver += placed.LeaseGone ? 0 : 1;
            CheckLeft();
        }
    }

    private void HandOver(IActorRef replyTo)
    {
        if (_options.Cluster is null || _left)
        {
            Reply(replyTo, new MachinesHandedOver(_handedOver));
            return;
        }
        _leaveWaiters.Add(replyTo);
        BeginLeave();
    }

    /// <summary>Takes no further machine and hands back every held one; once none is left, gives back every lease.</summary>
    private void BeginLeave()
    {
        if (!_leaving)
        {
            _leaving = true;
            Timers.Cancel(PollKey);
            foreach (var placed in _placed.Values.ToList())
            {
                Release(placed.Id, placed, drain: true, "handed over: this node leaves the cluster");
            }
        }
        CheckLeft();
    }

    private void CheckLeft()
    {
        if (!_leaving || _leasesReturning || _left || _placed.Values.Any(placed => placed.Phase != PlacedPhase.Acquiring))
        {
            return;
        }
        // Leases still asked for are given up with the rest.
        foreach (var placed in _placed.Values)
        {
            AnswerAddWaiter(placed);
        }
        _placed.Clear();
        _leasesReturning = true;
        ClusterOptions.Leases.Ask<LeasesReleased>(ReleaseAll.Instance, ClusterOptions.ReadTimeout)
            .PipeTo(Self, Self, _ => LeasesReturned.Instance, _ => LeasesReturned.Instance);
    }

    private void OnLeasesReturned()
    {
        _leasesReturning = false;
        _left = true;
        PlacementLog.HandedOver(PlacementLogger, _options.NodeName, _handedOver);
        foreach (var waiter in _leaveWaiters)
        {
            Reply(waiter, new MachinesHandedOver(_handedOver));
        }
        _leaveWaiters.Clear();
    }

    /// <summary>A reload in a cluster hands every held machine back; the new generation asks for them again.</summary>
    private void ReleaseHeldForReload()
    {
        foreach (var placed in _placed.Values.ToList())
        {
            Release(placed.Id, placed, drain: false, "unloaded by a registry reload");
        }
    }
}
