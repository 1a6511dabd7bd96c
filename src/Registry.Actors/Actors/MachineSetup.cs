using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>What one incarnation of a machine actor starts from.</summary>
/// <param name="Entry">
/// The registry's entry for the machine: the actor reads only its immutable type and driver, and hands it back with
/// its completions.
/// </param>
/// <param name="Config">The machine's config.</param>
/// <param name="State">The machine's state so far (errors, status and properties survive restarts).</param>
/// <param name="Incarnation">Tells this incarnation's reports from those of earlier ones.</param>
/// <param name="DriverCallTimeout">How long one driver call may take.</param>
/// <param name="InitRequestId">
/// The request, if any (0 for none), to initialise the machine as soon as the actor starts: its reply carries this id.
/// </param>
internal sealed record MachineSetup(
    MachineEntry Entry,
    MachineConfig Config,
    MachineRuntimeState State,
    int Incarnation,
    TimeSpan DriverCallTimeout,
    long InitRequestId)
{
    private static readonly Task<string?> s_noDriver = Task.FromResult<string?>(null);

    /// <summary>The machine's type (every machine with an actor has one).</summary>
    public RegisteredMachineType Type => Entry.Type!;

    /// <summary>The driver, or null when it is not registered or not compatible (the error is in the state).</summary>
    public RegisteredDriver? Driver => Entry.Driver?.Registered;

    /// <summary>Cancelled when the node loses the machine's lease (never, outside a cluster): ends every driver call at once.</summary>
    public CancellationToken Fence => Entry.Fence?.Token ?? CancellationToken.None;

    /// <summary>Completes when the driver's InitDriver has finished, with its error or null.</summary>
    public Task<string?> DriverInitialized => Entry.Driver?.Initialized ?? s_noDriver;
}
