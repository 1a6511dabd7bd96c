namespace MachineActors.Actors.Cluster.Membership;

/// <summary>Graceful leave: Leaving, then Down, retried with backoff until the row says so.</summary>
public sealed partial class MembershipActor
{
    private Task LeaveAsync(IActorRef requester)
    {
        switch (_phase)
        {
            case Phase.Left or Phase.Downed:
                requester.Tell(LeftCluster.Instance, Self);
                return Task.CompletedTask;
            case Phase.Leaving:
                _leaveRequesters.Add(requester);
                return Task.CompletedTask;
        }
        _leaveRequesters.Add(requester);
        _phase = Phase.Leaving;
        Timers.Cancel(TickKey);
        Timers.Cancel(JoinKey);
        _logger.Leaving(_node.Name);
        return LeaveStepAsync();
    }

    // Leaving, then Down; a lost race re-reads the row: Down or superseded means there is nothing left to leave.
    private async Task LeaveStepAsync()
    {
        if (_phase != Phase.Leaving)
        {
            return;
        }
        try
        {
            using var timeout = DatabaseTimeout();
            while (_self is { Status: not MemberStatus.Down } self)
            {
                try
                {
                    _self = await _store.SetStatusAsync(self, self.Status == MemberStatus.Leaving ? MemberStatus.Down : MemberStatus.Leaving, timeout.Token);
                }
                catch (MembershipConflictException)
                {
                    var own = (await _store.ReadAllAsync(timeout.Token)).FirstOrDefault(row => string.Equals(row.NodeName, _node.Name, StringComparison.Ordinal));
                    if (own is null || own.Incarnation != self.Incarnation)
                    {
                        break;
                    }
                    _self = own;
                }
            }
        }
        catch (Exception error)
        {
            _leaveFailures++;
            var delay = _options.RetryBackoff(_leaveFailures);
            _logger.LeaveFailed(_node.Name, _leaveFailures, delay, error);
            Timers.StartSingleTimer(LeaveKey, LeaveAttempt.Instance, delay);
            return;
        }
        _phase = Phase.Left;
        if (_self is not null)
        {
            Apply(_self);
            if (_members.TryGetValue(_node.Name, out var tracked))
            {
                // Superseded while leaving: this incarnation is gone all the same.
                Remove(tracked);
            }
        }
        _logger.Left(_node.Name);
        ReplyToLeaveRequesters();
    }

    private void ReplyToLeaveRequesters()
    {
        foreach (var requester in _leaveRequesters)
        {
            requester.Tell(LeftCluster.Instance, Self);
        }
        _leaveRequesters.Clear();
    }
}
