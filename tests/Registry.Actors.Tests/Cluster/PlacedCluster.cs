using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;
using MachineActors.Machines.Printing;
using MachineActors.RecordingDriver;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>
/// The nodes of one test on the private PostgreSQL: their own cluster and journal schemas, short timings (lease
/// 1.5 s, renewed every 250 ms; unreachable after 0.5 s; catalog read every 250 ms), helpers to add machines and
/// wait for them. Disposing stops every node still running.
/// </summary>
internal sealed class PlacedCluster(PrivatePostgres postgres) : IAsyncDisposable
{
    public const string Secret = "registry-placement-test-secret-01";

    public static readonly TimeSpan CatalogPoll = TimeSpan.FromMilliseconds(250);

    public static readonly LeaseOptions Leases = new()
    {
        Duration = TimeSpan.FromMilliseconds(1500),
        RenewInterval = TimeSpan.FromMilliseconds(250),
        SafetyMargin = TimeSpan.FromMilliseconds(400),
    };

    private readonly List<PlacedNode> _nodes = [];

    public string ConnectionString => postgres.ConnectionString;

    public string Schema { get; } = PrivatePostgres.NewSchemaName("placement");

    public string JournalSchema { get; } = PrivatePostgres.NewSchemaName("journal");

    /// <summary>The recording printer and the label-printer type; prints give up after 2 s, other driver calls after 30 s.</summary>
    public RegistryOptions RegistryOptions { get; } = new()
    {
        BuiltInAssemblies = [typeof(RecordingPrinterDriver).Assembly, typeof(LabelPrinterMachineType).Assembly],
        DriverCallTimeout = TimeSpan.FromSeconds(30),
        PrintJobTimeout = TimeSpan.FromSeconds(2),
        RestartRandomFactor = 0,
    };

    public async Task<PlacedNode> StartAsync(string name, params string[] roles)
    {
        var node = await PlacedNode.StartAsync(this, name, roles.Length == 0 ? ["station"] : roles);
        _nodes.Add(node);
        return node;
    }

    public ClusterOptions ClusterOptions(string name, IReadOnlyList<string> roles) => new()
    {
        NodeName = name,
        Roles = roles,
        PostgresConnectionString = ConnectionString,
        Transport = new TransportOptions { Port = 0, Secret = Secret, ReconnectMinBackoff = TimeSpan.FromMilliseconds(20) },
        Membership = new MembershipOptions
        {
            Schema = Schema,
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            UnreachableAfter = TimeSpan.FromMilliseconds(500),
            DownAfter = TimeSpan.FromMilliseconds(1000),
        },
        Leases = Leases with { Schema = Schema },
    };

    /// <summary>A new machine id whose preferred node among <paramref name="stations"/> is <paramref name="preferred"/>.</summary>
    public static Guid IdPreferring(string preferred, params string[] stations)
    {
        while (true)
        {
            var id = Guid.NewGuid();
            if (Rendezvous.PreferredOwner(id.ToString("D"), stations) == preferred)
            {
                return id;
            }
        }
    }

    public static AddMachine Printer(Guid id, string name, string? placement, string tag = "") =>
        new(name, LabelPrinterMachineType.TypeSlug, RecordingPrinterDriver.DriverSlug)
        {
            Id = id,
            Placement = placement,
            Settings = tag.Length == 0 ? [] : [new SettingChange(SettingConfigType.Driver, RecordingPrinterDriver.TagSetting, tag)],
        };

    public static SubmitPrintJob Job(Guid machineId, string content) =>
        new(machineId, [Label.FromText(content)], new Dictionary<string, object?>(), null);

    /// <summary>Waits until <paramref name="node"/> runs the machine, initialised; returns it.</summary>
    public static async Task<MachineView> RunningOn(PlacedNode node, Guid id, TimeSpan? timeout = null)
    {
        MachineView? running = null;
        await Eventually.TrueAsync(async () => (running = await node.Holding(id)) is { IsRunning: true, Initialized: true },
            $"{node.Name} runs machine {id}", timeout);
        return running!;
    }

    public static async Task<PrintJobView> JobOn(PlacedNode node, Guid machineId, Guid jobId, PrintJobState state, TimeSpan? timeout = null)
    {
        PrintJobView? job = null;
        await Eventually.TrueAsync(async () => (job = (await node.Ask<PrintJobResult>(new GetPrintJob(machineId, jobId))).Job).State == state,
            $"job {jobId} is {state} on {node.Name}", timeout);
        return job!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
