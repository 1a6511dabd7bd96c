using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Event;
using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.RecordingDriver;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Printing;
using MachineActors.Registry.Remoting;
using Npgsql;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>
/// One whole cluster node in this process: a <see cref="ClusterNode"/> on its own <see cref="NodeClock"/>, persistence
/// on the shared PostgreSQL journal, the catalog-listed machine store and a registry in cluster mode.
/// </summary>
internal sealed class PlacedNode : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly NpgsqlDataSource _dataSource;
    private bool _stopped;

    private PlacedNode(string name, ClusterNode node, NpgsqlDataSource dataSource, MachineCatalog catalog, IActorRef registry, FailureListener failures)
    {
        Name = name;
        Node = node;
        _dataSource = dataSource;
        Catalog = catalog;
        Registry = registry;
        Failures = failures;
    }

    public string Name { get; }

    public ClusterNode Node { get; }

    public MachineCatalog Catalog { get; }

    public IActorRef Registry { get; }

    /// <summary>Every <see cref="MachineFailed"/> this node's registry published.</summary>
    public FailureListener Failures { get; }

    public static async Task<PlacedNode> StartAsync(PlacedCluster cluster, string name, params string[] roles)
    {
        var node = await ClusterNode.StartAsync(
            "node",
            cluster.ClusterOptions(name, roles),
            RegistryRemoting.Register(new RemoteMessageTypes()),
            new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Off, TimeProvider = new NodeClock(name) });
        var serializer = new EventSerializer(PrintQueueEventTypes.Register(MachineStoreEventTypes.Register(new EventTypeRegistry())), 1024 * 1024);
        var stores = new PostgreSqlStoreOptions { ConnectionString = cluster.ConnectionString, SchemaName = cluster.JournalSchema };
        await PersistenceExtension.StartAsync(node.System, new PostgreSqlJournal(stores, serializer), new PostgreSqlSnapshotStore(stores, serializer));
        var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        var catalog = new MachineCatalog(dataSource, cluster.Schema);
        await catalog.EnsureSchemaAsync();
        var store = new JournalMachineConfigStore(node.System, catalog);
        var options = ClusterPlacementOptions.Apply(cluster.RegistryOptions, node, catalog);
        options = options with { Cluster = options.Cluster! with { CatalogPollInterval = PlacedCluster.CatalogPoll } };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.System.EventStream.Subscribe(node.System.ActorOf(Props.Create(() => new ReadyListener(ready))), typeof(RegistryReady));
        var failures = new FailureListener();
        node.System.EventStream.Subscribe(node.System.ActorOf(Props.Create(() => new FailureListener.Actor(failures))), typeof(MachineFailed));
        var registry = node.System.ActorOf(RegistryActor.Props(options, store), "registry");
        await ready.Task.WaitAsync(s_timeout);
        return new PlacedNode(name, node, dataSource, catalog, registry, failures);
    }

    public Task<T> Ask<T>(object request) => Registry.Ask<T>(request, s_timeout);

    public async Task<MachineView> GetMachine(Guid id) => (await Ask<MachineResult>(new GetMachine(id))).Machine;

    /// <summary>The machine as this node's registry shows it, or null when this node does not hold it.</summary>
    public async Task<MachineView?> Holding(Guid id)
    {
        try
        {
            return await GetMachine(id);
        }
        catch (RegistryOperationException e) when (e.Kind == RegistryErrorKind.NotHeld)
        {
            return null;
        }
    }

    /// <summary>Stops without leaving: connections are cut first, and to the other nodes it looks like a crash.</summary>
    public async Task CrashAsync()
    {
        _stopped = true;
        await Node.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>Graceful leave: the registry hands its machines over, then the node leaves and stops.</summary>
    public async Task<MachinesHandedOver> LeaveAsync()
    {
        var handedOver = await Ask<MachinesHandedOver>(HandOverMachines.Instance);
        await Node.LeaveAsync(s_timeout);
        await CrashAsync();
        return handedOver;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await CrashAsync();
        }
    }

    private sealed class ReadyListener : ReceiveActor
    {
        public ReadyListener(TaskCompletionSource ready) => Receive<RegistryReady>(_ => ready.TrySetResult());
    }
}
