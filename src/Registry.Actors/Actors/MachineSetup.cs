using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>What one incarnation of a machine actor starts from.</summary>
/// <param name="Entry">The registry's entry for the machine; the actor only hands it back with its completions.</param>
/// <param name="Config">The machine's config.</param>
/// <param name="State">The machine's state so far (errors, status and properties survive restarts).</param>
/// <param name="Type">The machine's type.</param>
/// <param name="Driver">The driver, or null when it is not registered or not compatible (the error is in the state).</param>
/// <param name="DriverInitialized">Completes when the driver's InitDriver has finished, with its error or null.</param>
/// <param name="Incarnation">Tells this incarnation's reports from those of earlier ones.</param>
/// <param name="DriverCallTimeout">How long one driver call may take.</param>
/// <param name="InitRequestId">
/// The request, if any (0 for none), to initialise the machine as soon as the actor starts: its reply carries this id.
/// </param>
internal sealed record MachineSetup(
    MachineEntry Entry,
    MachineConfig Config,
    MachineRuntimeState State,
    RegisteredMachineType Type,
    RegisteredDriver? Driver,
    Task<string?> DriverInitialized,
    int Incarnation,
    TimeSpan DriverCallTimeout,
    long InitRequestId);
