using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>
/// One incarnation of a machine actor: what it starts from, and the driver call it is running on its thread, which
/// the registry checks for calls that block (through <see cref="MachineEntry.Setup"/>).
/// </summary>
/// <param name="entry">
/// The registry's entry for the machine: the actor reads only its immutable type and driver, and hands it back with
/// its completions.
/// </param>
/// <param name="config">The machine's config.</param>
/// <param name="state">The machine's state so far (errors, status and properties survive restarts).</param>
/// <param name="incarnation">Tells this incarnation's reports from those of earlier ones.</param>
/// <param name="driverCallTimeout">How long one driver call may take.</param>
/// <param name="initRequestId">
/// The request, if any (0 for none), to initialise the machine as soon as the actor starts: its reply carries this id.
/// </param>
internal sealed class MachineSetup(
    MachineEntry entry, MachineConfig config, MachineRuntimeState state, int incarnation, TimeSpan driverCallTimeout, long initRequestId)
{
    private static readonly Task<string?> s_noDriver = Task.FromResult<string?>(null);

    /// <summary>The driver call running on the actor's thread, if any: written by the actor, read by the registry.</summary>
    public DriverCallWatch CallWatch;

    public MachineEntry Entry { get; } = entry;

    public MachineConfig Config { get; } = config;

    public MachineRuntimeState State { get; } = state;

    public int Incarnation { get; } = incarnation;

    public TimeSpan DriverCallTimeout { get; } = driverCallTimeout;

    public long InitRequestId { get; } = initRequestId;

    /// <summary>The machine's type (every machine with an actor has one).</summary>
    public RegisteredMachineType Type => Entry.Type!;

    /// <summary>The driver, or null when it is not registered or not compatible (the error is in the state).</summary>
    public RegisteredDriver? Driver => Entry.Driver?.Registered;

    /// <summary>Cancelled when the node loses the machine's lease (never, outside a cluster): ends every driver call at once.</summary>
    public CancellationToken Fence => Entry.Fence?.Token ?? CancellationToken.None;

    /// <summary>Completes when the driver's InitDriver has finished, with its error or null.</summary>
    public Task<string?> DriverInitialized => Entry.Driver?.Initialized ?? s_noDriver;
}
