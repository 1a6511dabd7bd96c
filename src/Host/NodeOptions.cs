namespace MachineActors.Host;

/// <summary>How a node runs. Bound from the "Node" configuration section (appsettings, MACHINEACTORS_ env vars, command line).</summary>
public sealed record NodeOptions
{
    public const string Section = "Node";

    /// <summary>
    /// Binds the "Node" section. A configured role list replaces the default one: the configuration binder would
    /// otherwise append it to the default "station", making a front-end a station too.
    /// </summary>
    public static NodeOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = section.Get<NodeOptions>() ?? new NodeOptions();
        return section.GetSection(nameof(Roles)).Get<string[]>() is { Length: > 0 } roles ? options with { Roles = roles } : options;
    }

    /// <summary>Where the embedded store and spool folders live (--data-dir).</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary>"sqlite" (default: one file under DataDir), "postgresql" (needs PostgresConnectionString) or "memory" (nothing survives a restart).</summary>
    public string Storage { get; init; } = "sqlite";

    public string? PostgresConnectionString { get; init; }

    /// <summary>An admin token to accept (--admin-token / MACHINEACTORS_ADMIN_TOKEN); otherwise one is generated on first start.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Skip adding the demo virtual label printer on first start (--no-demo).</summary>
    public bool NoDemo { get; init; }

    /// <summary>The URL the node listens on (--urls); filled from the host's configuration.</summary>
    public string Urls { get; init; } = NodeDefaults.Url;

    /// <summary>This node's name (machines placed on it by name run here).</summary>
    public string NodeName { get; init; } = "local";

    /// <summary>Roles of this node (machines placed on a role run on any node that has it).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["station"];

    /// <summary>Plugin assemblies (drivers, machine types) are loaded from here; default: "plugins" under DataDir.</summary>
    public string? PluginsDir { get; init; }

    /// <summary>How long an API request waits for the registry before answering 503.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one driver call (InitMachine, UpdateMachine, RestartMachine, a command) may take; past it the call's token is
    /// cancelled and the call counts as a failure of its machine, which restarts with backoff.
    /// </summary>
    public TimeSpan DriverCallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cluster membership and the node-to-node port; null for a single node.</summary>
    public NodeClusterOptions? Cluster { get; init; }

    /// <summary>A cluster node without the "frontend" role: it runs machines and serves no HTTP API.</summary>
    public bool IsStationOnly => Cluster is not null && !Roles.Contains(FrontendRole, StringComparer.Ordinal);

    public const string FrontendRole = "frontend";

    /// <summary>How long a graceful stop waits for actors (and their running jobs) before the process exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
