namespace MachineActors.Machines;

/// <summary>
/// Talks to machines of one <see cref="MachineType"/> (InvenTree's <c>BaseDriver</c>). A concrete driver derives
/// from its machine type's <see cref="MachineType.BaseDriver"/>, has a public parameterless constructor and is
/// checked with <see cref="DriverValidator"/>. Every member except <see cref="TimeProvider"/> must return the same value
/// each time it is read.
/// </summary>
/// <remarks>
/// One instance serves every machine that uses the driver. <see cref="InitDriver"/> runs once, before any machine of
/// the driver initialises. Calls for one machine (<see cref="InitMachine"/>, <see cref="UpdateMachine"/>,
/// <see cref="RestartMachine"/>, commands) never overlap, but calls for different machines may run concurrently, so
/// a driver must be thread-safe across machines. Every call has a timeout: its <see cref="CancellationToken"/> is
/// cancelled when the timeout passes, and a call that has not finished by then counts as failed. Return a task rather
/// than block the calling thread: a call that blocks it is given up at its timeout too, but the thread stays lost until
/// the call returns. An exception thrown by a call becomes an error of the machine (or, from <see cref="InitDriver"/>, of
/// the driver). Background work for a machine goes through <see cref="MachineBackgroundWork"/>: an exception escaping a
/// driver's own thread, timer callback or <c>async void</c> method ends the whole node process.
/// </remarks>
public abstract class Driver
{
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Unique identifier matching <c>^[a-z0-9-]+$</c> (attribute <c>SLUG</c>).</summary>
    public abstract string Slug { get; }

    /// <summary>Human-readable name (attribute <c>NAME</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What the driver talks to and how (attribute <c>DESCRIPTION</c>).</summary>
    public abstract string Description { get; }

    /// <summary>
    /// The slug of the machine type this driver serves (attribute <c>MACHINE_TYPE</c>); a machine type's base driver
    /// overrides it, usually sealed.
    /// </summary>
    public abstract string MachineTypeSlug { get; }

    /// <summary>Settings every machine using this driver has, config type <c>D</c> (attribute <c>MACHINE_SETTINGS</c>).</summary>
    public virtual IReadOnlyList<SettingDefinition> Settings => [];

    /// <summary>
    /// The driver's machine commands. By default the methods marked <see cref="MachineCommandAttribute"/>
    /// (see <see cref="MachineCommandCatalog"/>).
    /// </summary>
    public virtual IReadOnlyList<MachineCommandDefinition> Commands => MachineCommandCatalog.For(GetType()).Definitions;

    /// <summary>
    /// The clock for the driver's delays and periodic work (status polls, simulated print delays). The registry sets it
    /// before <see cref="InitDriver"/> and never changes it afterwards; tests set a manual clock. Defaults to
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Called once, before any machine of this driver is initialised.</summary>
    public virtual Task InitDriver(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called for each machine once its settings are complete; a machine counts as initialised when it returns.</summary>
    public virtual Task InitMachine(IMachine machine, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a machine's configuration changed; <paramref name="oldState"/> is the state before the change.</summary>
    public virtual Task UpdateMachine(MachineState oldState, IMachine machine, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when a user restarts a machine.</summary>
    public virtual Task RestartMachine(IMachine machine, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs the command named <paramref name="command"/> on <paramref name="machine"/>. Throws
    /// <see cref="MachineCommandException"/> for an unknown command, a missing mandatory parameter or an invalid
    /// argument; anything else thrown comes from the command itself.
    /// </summary>
    public virtual Task<object?> ExecuteCommand(
        IMachine machine,
        string command,
        IReadOnlyDictionary<string, object?> arguments,
        CancellationToken cancellationToken) =>
        MachineCommandCatalog.For(GetType()).Invoke(this, machine, command, arguments, cancellationToken);
}
