using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests.Persistence;

/// <summary>A registry on the journal comes back after a restart of its "process" with the same machines.</summary>
public sealed class RegistryRestartTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("registry-restart-").FullName;

    private static RegistryOptions Options => new()
    {
        BuiltInAssemblies = [typeof(ProbeMachineType).Assembly],
        DriverCallTimeout = TimeSpan.FromSeconds(5),
        MaxMachineRestarts = 0,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Machines_settings_errors_and_last_known_status_survive_a_restart_and_stage_3_runs_again()
    {
        Dictionary<Guid, MachineView> before;
        Guid ready, failing, idle;
        await using (var node = await JournalNode.Start(_folder))
        {
            var registry = await StartRegistry(node);
            ready = (await Add(registry, new AddMachine("ready", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug)
            {
                Settings = [new SettingChange(SettingConfigType.Driver, "NOTE", "first")],
            })).Id;
            failing = (await Add(registry, new AddMachine("failing", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug)
            {
                Settings = [new SettingChange(SettingConfigType.Driver, "FAIL_INIT_TIMES", 1000)],
            })).Id;
            idle = (await Add(registry, new AddMachine("idle", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug))).Id;
            await registry.Ask<SettingResult>(new SetMachineSetting(ready, SettingConfigType.Driver, "RETRIES", 7), s_timeout);
            // Deactivated after its driver reported READY: after the restart nothing reports again.
            await registry.Ask<MachineResult>(new UpdateMachineConfig(idle) { Active = false }, s_timeout);
            before = (await registry.Ask<MachinesResult>(new GetMachines(MachineFilter.All), s_timeout)).Machines.ToDictionary(m => m.Id);
            Assert.Contains(before[failing].Errors, e => e.StartsWith("Init failure", StringComparison.Ordinal));
            Assert.Equal(ProbeStatuses.Ready, before[idle].Status);
            Assert.False(before[idle].StatusIsLastKnown);
            await node.Store.LoadStates();
        }

        await using var restarted = await JournalNode.Start(_folder);
        var again = await StartRegistry(restarted);
        var after = (await again.Ask<MachinesResult>(new GetMachines(MachineFilter.All), s_timeout)).Machines.ToDictionary(m => m.Id);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (id, machine) in before)
        {
            Assert.Equal(machine.Name, after[id].Name);
            Assert.Equal(machine.Active, after[id].Active);
            Assert.Equal(machine.Driver, after[id].Driver);
            Assert.Equal(machine.Properties.Select(p => (p.Key, p.Value)), after[id].Properties.Select(p => (p.Key, p.Value)));
        }
        var configs = (await restarted.Store.LoadAll()).ToDictionary(c => c.Id);
        Assert.Equal("first", configs[ready].DriverSettings["NOTE"]);
        Assert.Equal(7, configs[ready].DriverSettings["RETRIES"]);
        // Stage 3 ran again: the active machine re-initialised and reports live, the failing one failed again
        // and still shows what it showed before, the inactive one shows its last known status.
        Assert.True(after[ready].Initialized);
        Assert.False(after[ready].StatusIsLastKnown);
        Assert.Equal(ProbeStatuses.Ready, after[ready].Status);
        Assert.False(after[failing].Initialized);
        Assert.Superset(before[failing].Errors.ToHashSet(), after[failing].Errors.ToHashSet());
        Assert.Equal(ProbeStatuses.Ready, after[idle].Status);
        Assert.True(after[idle].StatusIsLastKnown);
        Assert.False(after[idle].Initialized);
    }

    private static async Task<IActorRef> StartRegistry(JournalNode node)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = node.System.ActorOf(Props.Create(() => new ReadyListener(ready)));
        node.System.EventStream.Subscribe(listener, typeof(RegistryReady));
        var registry = node.System.ActorOf(RegistryActor.Props(Options, node.Store), "registry");
        await ready.Task.WaitAsync(s_timeout);
        return registry;
    }

    private static async Task<MachineView> Add(IActorRef registry, AddMachine request) =>
        (await registry.Ask<MachineResult>(request, s_timeout)).Machine;

    private sealed class ReadyListener : ReceiveActor
    {
        public ReadyListener(TaskCompletionSource ready) => Receive<RegistryReady>(_ => ready.TrySetResult());
    }
}
