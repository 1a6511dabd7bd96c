namespace MachineActors.Actors.Cluster.Placement;

/// <summary>The fencing deadlines (see the invariant on the class) and the renew tick.</summary>
public sealed partial class LeaseKeeper
{
    /// <summary>Gives up every lease whose deadline has come, then arms the timer for the next deadline.</summary>
    private void Fence()
    {
        var now = Now;
        List<string>? expired = null;
        foreach (var (id, held) in _held)
        {
            if (held.Deadline <= now)
            {
                (expired ??= []).Add(id);
            }
        }
        if (expired is not null)
        {
            foreach (var id in expired)
            {
                var epoch = _held[id].Epoch;
                LogLostDeadline(_logger, id, epoch, _options.FencingWindow);
                Lose(id, epoch);
            }
            UpdateTicking();
        }
        ArmFence();
    }

    private void Lose(string machineId, long epoch)
    {
        _held.Remove(machineId);
        if (_wanted.Remove(machineId, out var requester))
        {
            requester.Tell(new LeaseLost(machineId, epoch), Self);
        }
    }

    private void ArmFence()
    {
        if (_held.Count == 0)
        {
            if (_fenceArmedFor is not null)
            {
                Timers.Cancel(FenceKey);
                _fenceArmedFor = null;
            }
            return;
        }
        var earliest = _held.Values.Min(held => held.Deadline);
        if (_fenceArmedFor == earliest)
        {
            return;
        }
        _fenceArmedFor = earliest;
        Timers.StartSingleTimer(FenceKey, FenceDue.Instance, earliest - Now);
    }

    // The tick is periodic (its phase is not reset by new requests) and runs while anything is wanted.
    private void UpdateTicking()
    {
        if (_wanted.Count == 0)
        {
            Timers.Cancel(TickKey);
        }
        else if (!Timers.IsTimerActive(TickKey))
        {
            Timers.StartPeriodicTimer(TickKey, Tick.Instance, _options.RenewInterval);
        }
    }
}
