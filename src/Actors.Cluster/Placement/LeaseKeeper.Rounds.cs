namespace MachineActors.Actors.Cluster.Placement;

/// <summary>The store operations: one round of releases, renewals and acquisitions at a time, and what their answers change.</summary>
public sealed partial class LeaseKeeper
{
    // One call at a time: releases, then renewals, then acquisitions, in one operation (three statements at most).
    private void StartNextOperation()
    {
        if (_inFlight is not null || (_toRelease.Count == 0 && !(_roundDue && _wanted.Count > 0)))
        {
            return;
        }
        _roundDue = false;
        var release = _toRelease.ToArray();
        _toRelease.Clear();
        var renew = _held.ToDictionary(pair => pair.Key, pair => pair.Value.Epoch, StringComparer.Ordinal);
        var acquire = _wanted.Keys.Where(id => !_held.ContainsKey(id)).ToArray();
        var operation = new Operation(++_lastOperationId, new CancellationTokenSource(), release);
        _inFlight = operation;
        // Past the fencing window a renewal's answer is useless anyway; waiting longer would only hold up the next calls.
        Timers.StartSingleTimer(OperationTimeoutKey, new OperationTimedOut(operation.Id), _options.FencingWindow);
        // t0 of the fencing invariant: read before any call starts.
        var startedAt = Now;
        RunAsync(release, [.. renew.Keys], acquire, operation.Cancellation.Token).PipeTo(Self, Self,
            result => new RoundCompleted(operation.Id, startedAt, renew, acquire.Length, result),
            error => new RoundCompleted(operation.Id, startedAt, renew, acquire.Length, new RoundResult(error, [], error, [], error)));
    }

    private async Task<RoundResult> RunAsync(string[] release, string[] renew, string[] acquire, CancellationToken cancellationToken)
    {
        Exception? releaseError = null;
        IReadOnlyCollection<string> renewed = [];
        Exception? renewError = null;
        IReadOnlyList<MachineLease> granted = [];
        Exception? acquireError = null;
        if (release.Length > 0)
        {
            try
            {
                await _store.ReleaseAsync(_ownerNode, _incarnation, release, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                releaseError = error;
            }
        }
        if (renew.Length > 0)
        {
            try
            {
                renewed = await _store.RenewAsync(_ownerNode, _incarnation, renew, _options.Duration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                renewError = error;
            }
        }
        if (acquire.Length > 0)
        {
            try
            {
                granted = await _store.TryAcquireAsync(_ownerNode, _incarnation, acquire, _options.Duration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                acquireError = error;
            }
        }
        return new RoundResult(releaseError, renewed, renewError, granted, acquireError);
    }

    private void RoundDone(RoundCompleted round)
    {
        if (_inFlight is not { } operation || operation.Id != round.OperationId)
        {
            // Abandoned after its time-out: whatever it answers is ignored.
            return;
        }
        Timers.Cancel(OperationTimeoutKey);
        operation.Cancellation.Dispose();
        _inFlight = null;
        // First whatever passed its deadline without a successful renewal: a late answer does not revive it.
        Fence();
        var now = Now;
        var deadline = round.StartedAt + _options.FencingWindow;
        var result = round.Result;
        if (result.ReleaseError is not null)
        {
            LogReleaseFailed(_logger, operation.Release.Length, result.ReleaseError);
        }
        if (result.RenewError is not null)
        {
            LogCallFailed(_logger, "renewal", round.RenewSent.Count, result.RenewError);
        }
        else if (round.RenewSent.Count > 0)
        {
            var renewed = result.Renewed as IReadOnlySet<string> ?? new HashSet<string>(result.Renewed, StringComparer.Ordinal);
            foreach (var (id, epoch) in round.RenewSent)
            {
                // Released (or lost and taken again) while the call ran: the answer is not about this lease.
                if (!_held.TryGetValue(id, out var held) || held.Epoch != epoch)
                {
                    continue;
                }
                if (renewed.Contains(id))
                {
                    _held[id] = held with { Deadline = deadline > held.Deadline ? deadline : held.Deadline };
                }
                else
                {
                    LogLostNotRenewed(_logger, id, epoch);
                    Lose(id, epoch);
                }
            }
        }
        if (result.AcquireError is not null)
        {
            LogCallFailed(_logger, "acquisition", round.AcquireCount, result.AcquireError);
        }
        foreach (var lease in result.Granted)
        {
            // No longer wanted (its release follows, as it is queued), already held, or granted too late to use
            // (the row stays ours until it expires, so the next round takes it back at the same epoch).
            if (!_wanted.TryGetValue(lease.MachineId, out var requester) || _held.ContainsKey(lease.MachineId) || deadline <= now)
            {
                continue;
            }
            _held[lease.MachineId] = new HeldLease(lease.Epoch, deadline);
            LogGranted(_logger, lease.MachineId, lease.Epoch);
            requester.Tell(new LeaseGranted(lease.MachineId, lease.Epoch), Self);
        }
        ArmFence();
        UpdateTicking();
        AfterOperation();
    }

    private void TimedOut(OperationTimedOut timedOut)
    {
        if (_inFlight is not { } operation || operation.Id != timedOut.OperationId)
        {
            return;
        }
        // Not disposed: the abandoned call may still register on its token.
        operation.Cancellation.Cancel();
        _inFlight = null;
        LogCallAbandoned(_logger, _options.FencingWindow);
        AfterOperation();
    }

    // Releases asked for before a ReleaseAll were in this call or an earlier one once none is left to do.
    private void AfterOperation()
    {
        if (_toRelease.Count == 0)
        {
            foreach (var waiter in _releaseWaiters)
            {
                waiter.Tell(LeasesReleased.Instance, Self);
            }
            _releaseWaiters.Clear();
        }
        StartNextOperation();
    }
}
