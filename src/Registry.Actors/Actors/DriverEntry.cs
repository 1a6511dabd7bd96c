using MachineActors.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>The registry's bookkeeping for one driver: its actor, whether InitDriver ran, and what waits for it.</summary>
internal sealed class DriverEntry(RegisteredDriver registered, IActorRef actor)
{
    public RegisteredDriver Registered { get; } = registered;

    public IActorRef Actor { get; } = actor;

    public DriverInitState InitState { get; set; }

    /// <summary>Why InitDriver failed, when it did.</summary>
    public string? InitError { get; set; }

    /// <summary>Driver errors shown with the driver (<c>driver_errors</c>).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Work that must wait until InitDriver has finished, in arrival order.</summary>
    public List<Action> WaitingForInit { get; } = [];

    /// <summary>The error machines of this driver record instead of initialising; null while InitDriver has not failed.</summary>
    public string? MachineError => InitError is null ? null : $"Driver '{Registered.Slug}' failed to initialise: {InitError}";
}
