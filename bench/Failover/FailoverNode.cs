using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Persistence.PostgreSql;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Registry;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Printing;
using MachineActors.Registry.Remoting;
using MachineActors.SamplePlugin;
using PersistenceExtension = MachineActors.Actors.Persistence.Persistence;

namespace MachineActors.Bench.Failover;

/// <summary>
/// A station of the failover benchmark: a cluster node on the default timings, persistence on the shared PostgreSQL
/// journal, and a registry in cluster mode running the tests' virtual printers.
/// </summary>
internal sealed class FailoverNode
{
    public const string Secret = "failover-bench-secret-0123456789";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private FailoverNode(ClusterNode node, IActorRef registry)
    {
        Node = node;
        Registry = registry;
    }

    public ClusterNode Node { get; }

    public IActorRef Registry { get; }

    public static async Task<FailoverNode> StartAsync(string name, string connectionString, string schema)
    {
        var node = await ClusterNode.StartAsync("bench", new ClusterOptions
        {
            NodeName = name,
            Roles = ["station"],
            PostgresConnectionString = connectionString,
            Transport = new TransportOptions { Secret = Secret },
            Membership = new MembershipOptions { Schema = schema },
            Leases = new LeaseOptions { Schema = schema },
        }, RegistryRemoting.Register(new RemoteMessageTypes()), new ActorSystemOptions { StandardErrorLogLevel = Actors.Event.LogLevel.Off });
        var serializer = new EventSerializer(PrintQueueEventTypes.Register(MachineStoreEventTypes.Register(new EventTypeRegistry())), 1024 * 1024);
        var journal = new PostgreSqlStoreOptions { ConnectionString = connectionString, SchemaName = schema + "_journal" };
        await PersistenceExtension.StartAsync(node.System, new PostgreSqlJournal(journal, serializer), new PostgreSqlSnapshotStore(journal, serializer));
        var options = ClusterPlacementOptions.Apply(
            new RegistryOptions { BuiltInAssemblies = [typeof(VirtualTestPrinterDriver).Assembly] }, node, node.Catalog);
        var registry = node.System.ActorOf(RegistryActor.Props(options, new JournalMachineConfigStore(node.System, node.Catalog)), "registry");
        await registry.Ask<RegistryStatusResult>(new GetRegistryStatus(), s_timeout);
        return new FailoverNode(node, registry);
    }

    /// <summary>Adds <paramref name="count"/> machines placed on the role "station"; rendezvous hashing spreads them over the stations.</summary>
    public async Task AddMachinesAsync(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Registry.Ask<MachineResult>(
                new AddMachine($"{prefix}-{i}", TestPrinterMachineType.TypeSlug, "test-printer-virtual") { Placement = "station" }, s_timeout);
        }
    }

    /// <summary>The ids of the machines this node runs and has initialised.</summary>
    public async Task<HashSet<Guid>> RunningAsync() =>
        [.. (await Registry.Ask<MachinesResult>(new GetMachines(new MachineFilter { Initialized = true }), s_timeout)).Machines.Select(m => m.Id)];

    /// <summary>Graceful leave: the machines are handed over, then the node leaves.</summary>
    public async Task LeaveAsync()
    {
        await Registry.Ask<MachinesHandedOver>(HandOverMachines.Instance, s_timeout);
        await Node.LeaveAsync(s_timeout);
    }
}
