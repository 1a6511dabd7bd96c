using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Discovery;
using ActorProps = MachineActors.Actors.Props;

namespace MachineActors.Registry;

/// <summary>
/// The machine registry of one node (InvenTree's <c>MachineRegistry</c>). It runs the three stages as messages to
/// itself, supervises one <see cref="DriverActor"/> per driver and one <see cref="MachineActor"/> per machine, and
/// answers the <see cref="IRegistryRequest"/>s. It owns every machine's configuration (writing each change to the
/// <see cref="IMachineConfigStore"/> before acknowledging it) and a copy of each machine's runtime state, which the
/// machine actors report and which outlives their restarts. The class is split by concern into partial files.
/// </summary>
public sealed partial class RegistryActor : ReceiveActor, IWithStash, IWithTimers
{
    private const string RegistrySource = "registry";

    private readonly IMachineConfigStore _store;
    private readonly SupervisorStrategy _strategy;
    private RegistryOptions _options;
    private PluginSet? _plugins;
    private Dictionary<string, RegisteredMachineType> _machineTypes = [];
    private readonly Dictionary<string, DriverEntry> _drivers = new(StringComparer.Ordinal);
    private readonly MachineTable _machines = new();
    private readonly MachineNameIndex _names;
    private readonly List<RegistryError> _errors = [];

    // The runtime states stored before this node started, read at stage 3.
    private IReadOnlyDictionary<Guid, StoredMachineState> _storedStates = new Dictionary<Guid, StoredMachineState>();

    public RegistryActor(RegistryOptions options, IMachineConfigStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        if (options.Cluster is not null && store is not IPlacedMachineConfigStore)
        {
            throw new ArgumentException(
                $"A cluster registry needs an {nameof(IPlacedMachineConfigStore)} listed by the cluster's catalog (a {nameof(Persistence.JournalMachineConfigStore)} given the catalog).",
                nameof(store));
        }
        _options = options;
        _store = store;
        _names = new MachineNameIndex(_machines.Values);
        // Never restart a machine actor in place: the decider records the failure, the actor stops, and the
        // registry starts a new one after a backoff (see RegistryActor.Supervision.cs).
        _strategy = new OneForOneStrategy(0, null, DecideOnChildFailure);
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static ActorProps Props(RegistryOptions options, IMachineConfigStore store) =>
        ActorProps.Create(() => new RegistryActor(options, store));

    private TimeProvider Time => Context.System.TimeProvider;

    protected override void PreStart()
    {
        if (_options.Cluster is not null)
        {
            // Every membership change makes a cluster registry look at its machines again.
            Context.System.EventStream.Subscribe(Self, typeof(MemberEvent));
        }
        StartBlockedCallChecks();
        BeginGeneration();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _plugins?.Unload();
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    /// <summary>While the stages run: requests wait in the stash until the machines are loaded.</summary>
    private void Starting()
    {
        ReceiveStages();
        ReceivePlacement();
        ReceiveReports();
        Receive<IRegistryRequest>(_ => Stash.Stash());
        Receive<HeldMachineLoaded>(_ => Stash.Stash());
        Receive<HandOverMachines>(_ => Stash.Stash());
    }

    private void Running()
    {
        ReceivePrinting();
        ReceiveRequests();
        ReceivePlacement();
        ReceiveReports();
        Receive<HeldMachineLoaded>(OnHeldMachineLoaded);
        Receive<HandOverMachines>(_ => HandOver(Sender));
    }

    private void Publish(object @event) => Context.System.EventStream.Publish(@event);

    private void Reply(IActorRef? replyTo, object message) => replyTo?.Tell(message, Self);
}
