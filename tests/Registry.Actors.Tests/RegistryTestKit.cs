using MachineActors.Actors;
using MachineActors.Actors.TestKit;
using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>
/// A test with a registry on a clock that only moves when the test advances it. Asks use a timeout that never
/// fires on that clock and are bounded by a real-time wait instead.
/// </summary>
public abstract class RegistryTestKit : TestKit
{
    protected const string SamplePlugin = "MachineActors.SamplePlugin";
    protected const string BrokenPlugin = "MachineActors.BrokenPlugin";

    private static readonly TimeSpan s_askTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_realWait = TimeSpan.FromSeconds(20);
    private readonly List<string> _folders = [];
    private IActorRef? _registry;

    protected RegistryTestKit()
        : base(manualTime: true)
    {
        Events = CreateTestProbe("events");
        Sys.EventStream.Subscribe(Events.Ref, typeof(MachineFailed));
    }

    /// <summary>Receives every <see cref="MachineFailed"/>.</summary>
    protected TestProbe Events { get; }

    protected InMemoryMachineConfigStore Store { get; private set; } = new();

    protected IActorRef Registry => _registry ?? throw new InvalidOperationException("Start the registry first.");

    /// <summary>The folder the test project's build copies the test plugins into.</summary>
    protected static string PluginsFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The probe machine types and drivers of this assembly, no plugins; 5 s per driver call, 2 restarts, no jitter.</summary>
    protected static RegistryOptions ProbeOptions => new()
    {
        BuiltInAssemblies = [typeof(ProbeMachineType).Assembly],
        DriverCallTimeout = TimeSpan.FromSeconds(5),
        MaxMachineRestarts = 2,
        MinRestartBackoff = TimeSpan.FromSeconds(1),
        MaxRestartBackoff = TimeSpan.FromSeconds(30),
        RestartRandomFactor = 0,
    };

    /// <summary>Only the sample plugin.</summary>
    protected static RegistryOptions SamplePluginOptions => ProbeOptions with
    {
        BuiltInAssemblies = [],
        PluginsFolder = PluginsFolder,
        DisabledPlugins = [BrokenPlugin],
    };

    protected RegistryReady StartRegistry(RegistryOptions options, params MachineConfig[] configs)
    {
        var ready = CreateTestProbe();
        Sys.EventStream.Subscribe(ready.Ref, typeof(RegistryReady));
        StartRegistry(options, waitForReady: false, configs);
        var readiness = ready.ExpectMsg<RegistryReady>();
        Sys.EventStream.Unsubscribe(ready.Ref);
        return readiness;
    }

    /// <summary>Starts the registry; with <paramref name="waitForReady"/> false it returns at once (requests wait until the machines are loaded).</summary>
    protected void StartRegistry(RegistryOptions options, bool waitForReady, params MachineConfig[] configs)
    {
        if (waitForReady)
        {
            StartRegistry(options, configs);
            return;
        }
        Store = new InMemoryMachineConfigStore(configs);
        _registry = Sys.ActorOf(RegistryActor.Props(options, Store), "registry");
    }

    protected T Ask<T>(object message) => Await(AskAsync<T>(message));

    protected Task<T> AskAsync<T>(object message) => Registry.Ask<T>(message, s_askTimeout);

    protected static T Await<T>(Task<T> task) => task.WaitAsync(s_realWait).GetAwaiter().GetResult();

    protected RegistryOperationException AskFails(object message, RegistryErrorKind kind)
    {
        var failure = Assert.Throws<RegistryOperationException>(() => Ask<object>(message));
        Assert.Equal(kind, failure.Kind);
        return failure;
    }

    protected IReadOnlyList<MachineConfig> StoredConfigs() => Store.LoadAll().GetAwaiter().GetResult();

    protected MachineConfig StoredConfig(Guid id) => StoredConfigs().Single(config => config.Id == id);

    protected MachineView GetMachine(Guid id) => Ask<MachineResult>(new GetMachine(id)).Machine;

    protected IReadOnlyList<MachineView> GetMachines(MachineFilter filter) => Ask<MachinesResult>(new GetMachines(filter)).Machines;

    protected MachineView AddMachine(AddMachine request) => Ask<MachineResult>(request).Machine;

    protected object? CallFunction(Guid id, string function, params (string Name, object? Value)[] arguments) =>
        Ask<MachineFunctionResult>(new CallMachineFunction(id, function, arguments.ToDictionary(a => a.Name, a => a.Value))).Value;

    /// <summary>Expects the next <see cref="MachineFailed"/> for <paramref name="id"/>.</summary>
    protected MachineFailed ExpectFailure(Guid id) => Events.FishForMessage<MachineFailed>(failed => failed.MachineId == id);

    protected static MachineConfig Machine(
        string name,
        string type = ProbeMachineType.TypeSlug,
        string driver = ProbeDriver.DriverSlug,
        bool active = true,
        params (SettingConfigType Type, string Key, object? Value)[] settings)
    {
        var config = new MachineConfig { Id = Guid.NewGuid(), Name = name, MachineTypeSlug = type, DriverSlug = driver, Active = active };
        foreach (var (settingType, key, value) in settings)
        {
            config = config.WithSetting(settingType, key, value);
        }
        return config;
    }

    protected static (SettingConfigType, string, object?) Driver(string key, object? value) => (SettingConfigType.Driver, key, value);

    /// <summary>A new, empty folder deleted when the test ends.</summary>
    protected string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registry-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
