using System.Reflection;
using MachineActors.Actors.Pattern;

namespace MachineActors.Registry;

/// <summary>Every tunable of the machine registry, with its default, in one place.</summary>
public sealed record RegistryOptions
{
    /// <summary>
    /// Assemblies searched for machine types and drivers before any plugin, in this order (the host passes the
    /// built-in drivers' assembly). When two classes share a slug, the first one found wins.
    /// </summary>
    public IReadOnlyList<Assembly> BuiltInAssemblies { get; init; } = [];

    /// <summary>
    /// Folder whose <c>*.dll</c> files are loaded as plugins, in file-name order, each into its own collectible
    /// load context that shares the SDK with the host. Null, or a folder that does not exist, means no plugins.
    /// </summary>
    public string? PluginsFolder { get; init; }

    /// <summary>Plugins that are not loaded, by file name without <c>.dll</c> (case-insensitive).</summary>
    public IReadOnlyCollection<string> DisabledPlugins { get; init; } = [];

    /// <summary>
    /// How long one driver call (InitDriver, InitMachine, UpdateMachine, RestartMachine, a command) may take. Its
    /// cancellation token is cancelled then, and a call still running counts as a failure of the machine.
    /// </summary>
    public TimeSpan DriverCallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a machine whose driver code failed is started again (with backoff) before it stays stopped,
    /// not initialised, with its errors visible. 0 never restarts it.
    /// </summary>
    public int MaxMachineRestarts { get; init; } = 5;

    /// <summary>The delay before the first restart of a failed machine; it doubles with every further failure.</summary>
    public TimeSpan MinRestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between restarts of a failed machine.</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Each restart delay is stretched by up to this fraction, at random, so failed machines do not restart in step.</summary>
    public double RestartRandomFactor { get; init; } = 0.2;

    /// <summary>A machine that ran this long since its last start before failing starts counting its failures afresh.</summary>
    public TimeSpan RestartCountResetAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Machines started per message in stage 3. Between batches the registry handles its machines' replies, which
    /// keeps the working set of a large fleet small; requests wait until every batch has started.
    /// </summary>
    public int LoadBatchSize { get; init; } = 2048;

    /// <summary>
    /// Stage 3 starts its next batch only once at most this many of the initialisations it started are unfinished, so
    /// that a large fleet initialises its machines soon after creating them, while their memory is still in the CPU's
    /// cache (an unbounded start-up creates a 100,000-machine fleet well ahead of its initialisations).
    /// </summary>
    public int LoadWindow { get; init; } = 2048;

    /// <summary>
    /// How long stage 3 waits for its <see cref="LoadWindow"/> before it starts the next batch anyway: slow drivers
    /// (a printer that takes seconds to answer) do not hold the rest of the fleet back for longer than this per batch.
    /// </summary>
    public TimeSpan LoadPatience { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>This node's name; machines placed on it (or on no node at all) are loaded here.</summary>
    public string NodeName { get; init; } = "local";

    /// <summary>How long one print job may take on the machine; past it the job is reported interrupted.</summary>
    public TimeSpan PrintJobTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Defaults of the machines' print queues.</summary>
    public Printing.PrintQueueOptions PrintQueue { get; init; } = new();

    /// <summary>This node's roles; machines placed on one of them are loaded here too.</summary>
    public IReadOnlyCollection<string> NodeRoles { get; init; } = [];

    /// <summary>
    /// Null (the default): a single node, which runs every stored machine it <see cref="Owns"/>. Set: a cluster node,
    /// which runs the machines of the cluster's catalog whose leases it holds (see
    /// <see cref="Cluster.ClusterPlacementOptions"/>); <see cref="Owns"/> is not used then.
    /// </summary>
    public Cluster.ClusterPlacementOptions? Cluster { get; init; }

    /// <summary>Whether a machine with <paramref name="placement"/> belongs on this node.</summary>
    public bool Owns(string? placement) =>
        string.IsNullOrEmpty(placement)
        || string.Equals(placement, NodeName, StringComparison.Ordinal)
        || NodeRoles.Contains(placement, StringComparer.Ordinal);

    /// <summary>The delay before restart number <paramref name="attempt"/> (1 for the first) given a random <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan RestartDelay(int attempt, double random) =>
        BackoffOptions.Delay(MinRestartBackoff, MaxRestartBackoff, RestartRandomFactor, attempt - 1, random);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BuiltInAssemblies);
        ArgumentNullException.ThrowIfNull(DisabledPlugins);
        ArgumentNullException.ThrowIfNull(NodeRoles);
        ArgumentException.ThrowIfNullOrWhiteSpace(NodeName);
        Cluster?.Validate();
        if (DriverCallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DriverCallTimeout), DriverCallTimeout, "The driver call timeout must be positive.");
        }
        if (LoadBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LoadBatchSize), LoadBatchSize, "A load batch needs at least one machine.");
        }
        if (LoadWindow < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LoadWindow), LoadWindow, "The load window needs room for at least one initialisation.");
        }
        if (LoadPatience < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LoadPatience), LoadPatience, "The load patience cannot be negative.");
        }
        if (MaxMachineRestarts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMachineRestarts), MaxMachineRestarts, "The restart limit cannot be negative.");
        }
        if (MinRestartBackoff <= TimeSpan.Zero || MaxRestartBackoff < MinRestartBackoff)
        {
            throw new ArgumentException("Restart backoff needs 0 < MinRestartBackoff <= MaxRestartBackoff.");
        }
        if (RestartRandomFactor is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RestartRandomFactor), RestartRandomFactor, "The random factor must be between 0 and 1.");
        }
    }
}
