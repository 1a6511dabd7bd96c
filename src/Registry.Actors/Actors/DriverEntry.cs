using MachineActors.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>The registry's bookkeeping for one driver: its actor and the outcome of its InitDriver.</summary>
internal sealed class DriverEntry(RegisteredDriver registered, IActorRef actor, TaskCompletionSource<string?> initialized)
{
    public RegisteredDriver Registered { get; } = registered;

    public IActorRef Actor { get; } = actor;

    public bool InitStarted { get; set; }

    /// <summary>
    /// Completes when InitDriver has finished, with its error or null. Machine actors await it before any driver
    /// call, so no machine of the driver initialises before InitDriver has run.
    /// </summary>
    public Task<string?> Initialized => initialized.Task;

    /// <summary>Driver errors shown with the driver (<c>driver_errors</c>).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Records the outcome of InitDriver (the driver actor has usually completed the task already); only the first counts.</summary>
    public void Complete(string? error)
    {
        initialized.TrySetResult(error);
        if (Initialized.Result is { } first && !Errors.Contains(first))
        {
            Errors.Add(first);
        }
    }
}
