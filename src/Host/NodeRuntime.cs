using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Persistence;
using MachineActors.Host.Events;
using MachineActors.Host.Security;
using MachineActors.Registry;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Persistence;

namespace MachineActors.Host;

/// <summary>
/// The node's actor system and what runs in it: persistence on the configured store and the token
/// registry (the machine registry joins it). Started before the HTTP server takes requests and
/// stopped (children first, jobs finishing) when the host stops.
/// </summary>
public sealed partial class NodeRuntime(
    NodeOptions options, TokenCache tokenCache, NodeStorage storage, ILoggerFactory loggers, IHostApplicationLifetime lifetime, ILogger<NodeRuntime> logger)
    : IHostedService
{
    private ActorSystem? _system;
    private ClusterNode? _cluster;
    private IActorRef? _tokens;
    private IActorRef? _registry;

    public ActorSystem System => _system ?? throw new InvalidOperationException("The node is not started.");

    public IActorRef Tokens => _tokens ?? throw new InvalidOperationException("The node is not started.");

    public IActorRef Registry => _registry ?? throw new InvalidOperationException("The node is not started.");

    /// <summary>In a cluster, the machine store on the shared journal and catalog (read by the front-end for machines nobody runs).</summary>
    public IPlacedMachineConfigStore? ClusterStore { get; private set; }

    /// <summary>This node's cluster membership, transport and leases; null for a single node.</summary>
    public ClusterNode? Cluster => _cluster;

    /// <summary>The registry options this node runs with.</summary>
    public static RegistryOptions RegistryOptionsFor(NodeOptions options) => new()
    {
        BuiltInAssemblies = [typeof(MachineActors.Drivers.LabelPrinter.LabelPrinterMachineType).Assembly],
        PluginsFolder = options.PluginsDir ?? Path.Combine(options.DataDir, "plugins"),
        NodeName = options.NodeName,
        NodeRoles = [.. options.Roles],
        DriverCallTimeout = options.DriverCallTimeout,
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ProcessExceptionLog.Install(logger);
        Directory.CreateDirectory(options.DataDir);
        var systemOptions = new ActorSystemOptions { ShutdownPhaseTimeout = options.ShutdownTimeout };
        if (options.Cluster is null)
        {
            _system = ActorSystem.Create(NodeDefaults.ActorSystemName, systemOptions);
        }
        else
        {
            _cluster = await NodeCluster.StartAsync(options, systemOptions, loggers, cancellationToken);
            _system = _cluster.System;
            WatchForSelfDowned(_cluster);
        }
        var (journal, snapshots) = storage.Open(options);
        await Persistence.StartAsync(_system, journal, snapshots, cancellationToken: cancellationToken);
        _tokens = _system.ActorOf(Props.Create(() => new TokenRegistryActor(tokenCache)), "tokens");
        var registryLog = _system.ActorOf(Props.Create(() => new RegistryEventLogger(logger)), "registry-log");
        _system.EventStream.Subscribe(registryLog, typeof(RegistryStageCompleted));
        _system.EventStream.Subscribe(registryLog, typeof(RegistryReady));
        _system.EventStream.Subscribe(registryLog, typeof(MachineFailed));
        if (_cluster is { } node)
        {
            // The machines are the cluster catalog's; this node runs those whose leases it holds.
            var clusterOptions = ClusterPlacementOptions.Apply(RegistryOptionsFor(options), node, node.Catalog);
            clusterOptions = clusterOptions with { Cluster = clusterOptions.Cluster! with { Logger = loggers.CreateLogger("MachineActors.Registry.Placement") } };
            var store = new JournalMachineConfigStore(_system, node.Catalog);
            ClusterStore = store;
            _registry = _system.ActorOf(RegistryActor.Props(clusterOptions, store), "registry");
            RegistryShutdown.HandOverOnShutdown(_system, _registry, options.ShutdownTimeout);
            // Stations tell the front-ends about their machines' events; front-ends publish them to their dashboards.
            _system.ActorOf(Props.Create(() => new ClusterEventSink()), ClusterEventSink.Name);
            if (!options.Roles.Contains(NodeOptions.FrontendRole, StringComparer.Ordinal))
            {
                _system.ActorOf(Props.Create(() => new ClusterEventRelay(node)), ClusterEventRelay.Name);
            }
        }
        else
        {
            _registry = _system.ActorOf(RegistryActor.Props(RegistryOptionsFor(options), new JournalMachineConfigStore(_system)), "registry");
        }
        // A graceful stop lets running print jobs finish before the actors stop (queued ones run after the next start).
        _system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-printing", async cancellationToken =>
            await Registry.Ask<MachineActors.Registry.Printing.PrintingDrained>(
                MachineActors.Registry.Printing.DrainPrinting.Instance, options.ShutdownTimeout, cancellationToken));
        if (_cluster is { } cluster)
        {
            // After the machines stopped (their jobs drained): hand their leases over and leave without an unreachable phase.
            _system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave-cluster", cancellationToken =>
                cluster.LeaveAsync(options.ShutdownTimeout, cancellationToken));
        }
        LogStarted(logger, options.Storage, Path.GetFullPath(options.DataDir));
    }

    /// <summary>Another node marked this one down (it was silent too long): it must not go on running machines.</summary>
    private void WatchForSelfDowned(ClusterNode cluster)
    {
        var watcher = cluster.System.SystemActorOf(Props.Create(() => new SelfDownedWatcher(() =>
        {
            LogSelfDowned(logger, options.NodeName);
            lifetime.StopApplication();
        })), "self-downed-watcher");
        cluster.System.EventStream.Subscribe<SelfDowned>(watcher);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ShutdownTimeout);
        try
        {
            await _system.Terminate().WaitAsync(timeout.Token);
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(logger, options.ShutdownTimeout);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Node started: storage {Storage}, data in {DataDir}.")]
    private static partial void LogStarted(ILogger logger, string storage, string dataDir);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Node {Node} was marked down by the cluster; stopping.")]
    private static partial void LogSelfDowned(ILogger logger, string node);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Actors did not stop within {Timeout}; exiting anyway.")]
    private static partial void LogShutdownTimedOut(ILogger logger, TimeSpan timeout);
}
