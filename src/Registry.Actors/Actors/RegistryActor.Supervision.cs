using MachineActors.Actors;
using MachineActors.Registry.Actors;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private const string UnexpectedStop = "The machine actor stopped unexpectedly";

    /// <summary>
    /// Runs on this actor's mailbox when a child fails. A machine's failure is recorded at once (error, the type's
    /// error status, not initialised, the state it carried); the child is always stopped, and its
    /// <see cref="MachineActorStopped"/>, which arrives behind everything it sent before failing, schedules the restart.
    /// </summary>
    private Directive DecideOnChildFailure(Exception cause)
    {
        switch (cause)
        {
            case MachineFailureException failure:
                OnMachineFailure(failure);
                break;
            case ActorInitializationException { Actor: { } actor } when EntryOfActor(actor.Path.Name) is { } entry:
                // It never ran, so it will not report its stop from PostStop; report it here.
                Self.Tell(new MachineActorStopped(entry.Id, entry.Incarnation), Self);
                break;
        }
        return Directive.Stop;
    }

    private void OnMachineFailure(MachineFailureException failure)
    {
        var context = failure.Context;
        if (Reporting(failure.MachineId, context.Incarnation) is not { } entry)
        {
            return;
        }
        RecordFailure(entry, failure.Message, context.State);
        if (context.DriverSettings.Count > 0)
        {
            Self.Tell(new StoreDriverSettings(entry.Id, context.DriverSettings), Self);
        }
        if (entry.TakePending(context.RequestId) is { } pending)
        {
            var error = pending.FailsOnDriverError ? new RegistryOperationException(RegistryErrorKind.DriverFailure, failure.Message, failure) : null;
            Finish(pending, entry, null, error);
        }
    }

    private void RecordFailure(MachineEntry entry, string error, MachineRuntimeState state)
    {
        entry.Failed = true;
        if (Time.GetUtcNow() - entry.StartedAt >= _options.RestartCountResetAfter)
        {
            entry.Failures = 0;
        }
        entry.Failures++;
        entry.LastFailure = error;
        SetState(entry, state.WithError(error) with { Status = entry.Type!.ErrorStatus, Initialized = false });
    }

    private void OnMachineActorStopped(MachineActorStopped stopped)
    {
        if (!_machines.TryGetValue(stopped.MachineId, out var entry) || entry.Incarnation != stopped.Incarnation || entry.Actor is null)
        {
            return;
        }
        if (!entry.Failed)
        {
            RecordFailure(entry, UnexpectedStop, entry.State);
        }
        entry.Actor = null;
        // Requests queued behind the failing one: changes were stored, so they get their normal reply; calls fail.
        var unavailable = new RegistryOperationException(
            RegistryErrorKind.Unavailable, $"Machine '{entry.Config.Name}' stopped before it handled the request");
        foreach (var pending in entry.TakeAllPending(stopped.Incarnation))
        {
            Finish(pending, entry, null, pending.FailsOnDriverError ? unavailable : null);
        }
        var name = entry.Config.Name;
        if (entry.Failures > _options.MaxMachineRestarts)
        {
            Publish(new MachineFailed(entry.Id, name, entry.LastFailure, entry.Failures, null));
            return;
        }
        var delay = _options.RestartDelay(entry.Failures, Random.Shared.NextDouble());
        Timers.StartSingleTimer(new RestartTimerKey(entry.Id), new StartMachineAgain(entry.Id, _generation), delay);
        Publish(new MachineFailed(entry.Id, name, entry.LastFailure, entry.Failures, delay));
    }

    private void OnStartMachineAgain(StartMachineAgain start)
    {
        if (start.Generation != _generation || !_machines.TryGetValue(start.MachineId, out var entry) || entry.Actor is not null || entry.Type is null)
        {
            return;
        }
        StartMachineActor(entry, Time.GetUtcNow(), entry.Config.Active ? PendingRequest.Unanswered : null);
    }
}
