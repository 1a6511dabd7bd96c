using MachineActors.Actors.TestKit;
using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>Stage 3 as DESIGN.md section 4 describes it, with InvenTree's error texts.</summary>
public sealed class LoadMachinesTests : RegistryTestKit
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Machines_that_cannot_initialise_say_why_and_the_others_initialise_once_their_driver_has()
    {
        var noSettings = Machine("strict, nothing set", StrictMachineType.TypeSlug, StrictDriver.DriverSlug);
        var noDriverSettings = Machine("strict, no host", StrictMachineType.TypeSlug, StrictDriver.DriverSlug, true,
            (SettingConfigType.Machine, "SERIAL", "S-1"), (SettingConfigType.Machine, "MODEL", "ZD421"));
        var noMachineSettings = Machine("strict, no serial", StrictMachineType.TypeSlug, StrictDriver.DriverSlug, true, Driver("HOST", "10.0.0.7"));
        var unknownDriver = Machine("unknown driver", driver: "no-such-driver");
        var incompatible = Machine("incompatible", driver: StrictDriver.DriverSlug);
        var unknownType = Machine("unknown type", type: "no-such-type");
        var inactive = Machine("inactive", active: false);
        var healthy = Machine("healthy");
        var stages = CreateTestProbe();
        Sys.EventStream.Subscribe(stages.Ref, typeof(RegistryStageCompleted));

        var ready = StartRegistry(ProbeOptions, noSettings, noDriverSettings, noMachineSettings, unknownDriver, incompatible, unknownType, inactive, healthy);

        Assert.Equal((8, 1), (ready.Machines, ready.InitializedMachines));
        Assert.Equal(["Missing MACHINE settings: SERIAL, MODEL and DRIVER settings: HOST"], GetMachine(noSettings.Id).Errors);
        Assert.Equal(["Missing DRIVER settings: HOST"], GetMachine(noDriverSettings.Id).Errors);
        Assert.Equal(["Missing MACHINE settings: SERIAL, MODEL"], GetMachine(noMachineSettings.Id).Errors);
        var withoutDriver = GetMachine(unknownDriver.Id);
        Assert.Equal(["Driver 'no-such-driver' not found"], withoutDriver.Errors);
        Assert.False(withoutDriver.IsDriverAvailable);
        var mismatched = GetMachine(incompatible.Id);
        Assert.Equal(["'strict-driver' is incompatible with machine type 'probe'"], mismatched.Errors);
        Assert.True(mismatched.IsDriverAvailable);
        Assert.All([noSettings, noDriverSettings, noMachineSettings, unknownDriver, incompatible, inactive], config =>
        {
            var machine = GetMachine(config.Id);
            Assert.False(machine.Initialized);
            Assert.True(machine.IsRunning);
            Assert.Equal(101, machine.StatusCode);
            Assert.Empty(ProbeLog.Calls(config.Id));
        });

        var notLoaded = GetMachine(unknownType.Id);
        Assert.Equal((false, false, -1, null), (notLoaded.IsLoaded, notLoaded.IsRunning, notLoaded.StatusCode, notLoaded.Status));
        Assert.Equal(["Machine type 'no-such-type' not found"], notLoaded.Errors);
        Assert.Contains(Ask<RegistryStatusResult>(GetRegistryStatus.Instance).Errors, e => e.Message == "Machine type 'no-such-type' not found");

        Assert.False(GetMachine(inactive.Id).Initialized);
        Assert.Empty(ProbeLog.Calls(inactive.Id));
        var initialized = GetMachine(healthy.Id);
        Assert.True(initialized.Initialized);
        Assert.Equal(ProbeStatuses.Ready, initialized.Status);
        Assert.Equal(["driver-inits=1 name=healthy"], ProbeLog.Calls(healthy.Id, "InitMachine").Select(c => c.Detail));

        // This assembly's types: probe, strict-probe, the README's scale and the remoting tests' typed; their five drivers.
        Assert.Equal(
            [(RegistryStage.DiscoverMachineTypes, 4), (RegistryStage.DiscoverDrivers, 5), (RegistryStage.LoadMachines, 8)],
            stages.ReceiveN(3).Cast<RegistryStageCompleted>().Select(s => (s.Stage, s.Count)));
        Events.ExpectNoMsg(s_quiet);
    }

    [Fact]
    public void A_batch_waits_until_the_initialisations_in_flight_fit_the_load_window()
    {
        var (machines, ready) = StartSixWaitingMachines();

        // m1 and m2 leave two unfinished, which the window holds, so m3 and m4 follow; with four unfinished m5 waits.
        AwaitAssert(() => Assert.Equal([1, 1, 1, 1, 0, 0], machines.Select(m => ProbeLog.Count(m.Id, "Waiting"))));
        ready.ExpectNoMsg(s_quiet);
        Assert.Equal([0, 0], machines[4..].Select(m => ProbeLog.Count(m.Id, "Waiting")));

        ProbeLog.Gate(machines[0].Id).SetResult();
        ProbeLog.Gate(machines[1].Id).SetResult();
        AwaitAssert(() => Assert.Equal([1, 1], machines[4..].Select(m => ProbeLog.Count(m.Id, "Waiting"))));

        Array.ForEach(machines[2..], m => ProbeLog.Gate(m.Id).SetResult());
        Assert.Equal(6, ready.ExpectMsg<RegistryReady>().InitializedMachines);
    }

    [Fact]
    public void A_batch_kept_waiting_by_slow_initialisations_starts_after_the_load_patience()
    {
        var (machines, ready) = StartSixWaitingMachines();
        AwaitAssert(() => Assert.Equal([1, 1, 1, 1, 0, 0], machines.Select(m => ProbeLog.Count(m.Id, "Waiting"))));

        Time.Advance(TimeSpan.FromMilliseconds(999));
        ready.ExpectNoMsg(s_quiet);
        Assert.Equal([0, 0], machines[4..].Select(m => ProbeLog.Count(m.Id, "Waiting")));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        AwaitAssert(() => Assert.Equal([1, 1], machines[4..].Select(m => ProbeLog.Count(m.Id, "Waiting"))));

        Array.ForEach(machines, m => ProbeLog.Gate(m.Id).SetResult());
        Assert.Equal(6, ready.ExpectMsg<RegistryReady>().InitializedMachines);
    }

    /// <summary>Six machines whose InitMachine waits for its gate, two per batch, a window of two and a patience of a second.</summary>
    private (MachineConfig[] Machines, TestProbe Ready) StartSixWaitingMachines()
    {
        var machines = Enumerable.Range(1, 6).Select(i => Machine($"m{i}", settings: Driver("WAIT_IN", "InitMachine"))).ToArray();
        var ready = CreateTestProbe();
        Sys.EventStream.Subscribe(ready.Ref, typeof(RegistryReady));
        var options = ProbeOptions with
        {
            LoadBatchSize = 2,
            LoadWindow = 2,
            LoadPatience = TimeSpan.FromSeconds(1),
            DriverCallTimeout = TimeSpan.FromMinutes(1),
        };
        StartRegistry(options, waitForReady: false, machines);
        return (machines, ready);
    }

    [Fact]
    public void Once_its_settings_are_complete_activating_the_machine_initialises_it()
    {
        var strict = Machine("strict", StrictMachineType.TypeSlug, StrictDriver.DriverSlug, active: false);
        StartRegistry(ProbeOptions, strict);

        var machine = Ask<MachineResult>(new UpdateMachineConfig(strict.Id)
        {
            Active = true,
            Settings = [new(SettingConfigType.Machine, "SERIAL", "S-1"), new(SettingConfigType.Machine, "MODEL", "ZD421"), new(SettingConfigType.Driver, "HOST", "10.0.0.7")],
        }).Machine;

        Assert.True(machine.Initialized);
        Assert.Empty(machine.Errors);
        Assert.Single(ProbeLog.Calls(strict.Id, "InitMachine"));
    }

    [Fact]
    public void Ready_counts_the_machines_initialised_in_its_own_generation()
    {
        var first = Machine("first");
        var second = Machine("second");
        var ready = StartRegistry(ProbeOptions, first, second, Machine("inactive", active: false));
        Assert.Equal((3, 2), (ready.Machines, ready.InitializedMachines));
        Assert.False(Ask<MachineResult>(new UpdateMachineConfig(second.Id) { Active = false }).Machine.Initialized);
        var readiness = CreateTestProbe();
        Sys.EventStream.Subscribe(readiness.Ref, typeof(RegistryReady));

        Ask<RegistryReloaded>(new ReloadRegistry());

        var reloaded = readiness.ExpectMsg<RegistryReady>();
        Assert.Equal((2, 3, 1), (reloaded.Generation, reloaded.Machines, reloaded.InitializedMachines));
    }

    [Fact]
    public void Machines_that_initialised_alike_change_independently()
    {
        (SettingConfigType, string, object?)[] complete =
            [(SettingConfigType.Machine, "SERIAL", "S-1"), (SettingConfigType.Machine, "MODEL", "ZD421"), Driver("HOST", "10.0.0.7")];
        var first = Machine("first strict", StrictMachineType.TypeSlug, StrictDriver.DriverSlug, true, complete);
        var second = Machine("second strict", StrictMachineType.TypeSlug, StrictDriver.DriverSlug, true, complete);
        Assert.Equal(2, StartRegistry(ProbeOptions, first, second).InitializedMachines);

        Assert.False(Ask<MachineResult>(new UpdateMachineConfig(first.Id) { Active = false }).Machine.Initialized);

        Assert.True(GetMachine(second.Id).Initialized);
        Assert.False(GetMachine(first.Id).Initialized);
    }

    [Fact]
    public void A_config_the_store_lists_twice_is_loaded_once()
    {
        var healthy = Machine("healthy");
        var unknownType = Machine("unknown type", type: "no-such-type");
        var store = new RepeatingStore(new InMemoryMachineConfigStore([healthy, unknownType]));
        var readiness = CreateTestProbe();
        Sys.EventStream.Subscribe(readiness.Ref, typeof(RegistryReady));

        Sys.ActorOf(RegistryActor.Props(ProbeOptions, store), "repeating-registry");

        var ready = readiness.ExpectMsg<RegistryReady>();
        Assert.Equal((2, 1, 1), (ready.Machines, ready.InitializedMachines, ready.Errors));
        Assert.Equal(["driver-inits=1 name=healthy"], ProbeLog.Calls(healthy.Id, "InitMachine").Select(c => c.Detail));
    }

    [Fact]
    public void A_driver_whose_InitDriver_throws_shows_the_error_and_its_machines_do_not_initialise()
    {
        var machine = Machine("on a broken driver", driver: BrokenInitProbeDriver.DriverSlug);

        var ready = StartRegistry(ProbeOptions, machine);

        Assert.Equal(0, ready.InitializedMachines);
        var driver = Ask<DriversResult>(new GetDrivers()).Drivers.Single(d => d.Slug == BrokenInitProbeDriver.DriverSlug);
        Assert.Equal([BrokenInitProbeDriver.Failure], driver.Errors);
        var view = GetMachine(machine.Id);
        Assert.False(view.Initialized);
        Assert.Equal([$"Driver '{BrokenInitProbeDriver.DriverSlug}' failed to initialise: {BrokenInitProbeDriver.Failure}"], view.Errors);
        Assert.Empty(ProbeLog.Calls(machine.Id));
        Assert.Empty(Ask<DriversResult>(new GetDrivers()).Drivers.Single(d => d.Slug == ProbeDriver.DriverSlug).Errors);
        Events.ExpectNoMsg(s_quiet);
    }

    [Fact]
    public void Machines_placed_on_another_node_are_not_loaded_here()
    {
        var here = Machine("here") with { Placement = "station-a" };
        var anywhere = Machine("anywhere");
        var elsewhere = Machine("elsewhere") with { Placement = "station-b" };
        var byRole = Machine("by role") with { Placement = "printers" };

        var ready = StartRegistry(ProbeOptions with { NodeName = "station-a", NodeRoles = ["printers"] }, here, anywhere, elsewhere, byRole);

        Assert.Equal(3, ready.Machines);
        Assert.Equal(["anywhere", "by role", "here"], GetMachines(MachineFilter.All).Select(m => m.Name));
    }

    /// <summary>A store whose LoadAll lists every config twice.</summary>
    private sealed class RepeatingStore(InMemoryMachineConfigStore inner) : IMachineConfigStore
    {
        public async Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default) =>
            [.. (await inner.LoadAll(cancellationToken)).SelectMany(config => new[] { config, config })];

        public Task Add(MachineConfig config, CancellationToken cancellationToken = default) => inner.Add(config, cancellationToken);

        public Task Update(MachineConfig config, CancellationToken cancellationToken = default) => inner.Update(config, cancellationToken);

        public Task Remove(Guid id, CancellationToken cancellationToken = default) => inner.Remove(id, cancellationToken);

        public Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default) =>
            inner.GetSetting(id, type, key, cancellationToken);

        public Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default) =>
            inner.SetSetting(id, type, key, value, cancellationToken);

        public Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default) => inner.LoadStates(cancellationToken);

        public void RecordState(Guid id, StoredMachineState state) => inner.RecordState(id, state);
    }
}
