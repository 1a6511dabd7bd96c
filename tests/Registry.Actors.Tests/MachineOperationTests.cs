using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>The registry's requests on machines: add, update, remove, restart, functions; every change is stored before the reply.</summary>
public sealed class MachineOperationTests : RegistryTestKit
{
    [Fact]
    public void A_machine_added_with_an_unknown_driver_is_kept_with_the_error_and_not_initialised()
    {
        StartRegistry(ProbeOptions);

        var machine = AddMachine(new AddMachine("Machine with non-existent driver", ProbeMachineType.TypeSlug, "non-existent-driver"));

        Assert.Equal(["Driver 'non-existent-driver' not found"], machine.Errors);
        Assert.Equal((false, false), (machine.Initialized, machine.IsDriverAvailable));
        Assert.Equal("non-existent-driver", StoredConfig(machine.Id).DriverSlug);
    }

    [Fact]
    public void Bad_new_machines_are_refused_and_nothing_is_stored()
    {
        StartRegistry(ProbeOptions, Machine("taken"));

        Assert.Equal("Machine type 'nope' not found", AskFails(new AddMachine("a", "nope", ProbeDriver.DriverSlug), RegistryErrorKind.InvalidArgument).Message);
        Assert.Equal("A machine named 'taken' already exists", AskFails(new AddMachine(" taken ", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug), RegistryErrorKind.InvalidArgument).Message);
        AskFails(new AddMachine(" ", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug), RegistryErrorKind.InvalidArgument);
        AskFails(new AddMachine("b", ProbeMachineType.TypeSlug, ""), RegistryErrorKind.InvalidArgument);
        foreach (var notASlug in new[] { "../x", "Label Printer", "drïver", "a/b", "-\n" })
        {
            Assert.StartsWith($"Driver '{notASlug}' is not a driver slug", AskFails(new AddMachine("e", ProbeMachineType.TypeSlug, notASlug), RegistryErrorKind.InvalidArgument).Message, StringComparison.Ordinal);
        }
        var badSetting = AskFails(
            new AddMachine("c", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug) { Settings = [new(SettingConfigType.Driver, "RETRIES", "lots")] },
            RegistryErrorKind.InvalidArgument);
        Assert.Equal("Invalid value for setting RETRIES: 'lots' is not a valid integer", badSetting.Message);
        AskFails(
            new AddMachine("d", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug) { Settings = [new(SettingConfigType.Machine, "UNDECLARED", "x")] },
            RegistryErrorKind.InvalidArgument);

        Assert.Equal(["taken"], StoredConfigs().Select(c => c.Name));
        Assert.Single(GetMachines(MachineFilter.All));
    }

    [Fact]
    public void A_machine_is_initialised_when_added_active_and_when_activated_and_de_initialised_when_deactivated()
    {
        StartRegistry(ProbeOptions);
        var added = AddMachine(new AddMachine("printer", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug)
        {
            Settings = [new(SettingConfigType.Machine, "LOCATION", "bench 3"), new(SettingConfigType.Driver, "RETRIES", "5")],
        });
        Assert.True(added.Initialized);
        Assert.Equal(5, StoredConfig(added.Id).DriverSettings["RETRIES"]);

        var inactive = Ask<MachineResult>(new UpdateMachineConfig(added.Id) { Active = false }).Machine;
        Assert.False(inactive.Initialized);
        Assert.False(StoredConfig(added.Id).Active);
        var active = Ask<MachineResult>(new UpdateMachineConfig(added.Id) { Active = true }).Machine;
        Assert.True(active.Initialized);

        Assert.Equal(2, ProbeLog.Count(added.Id, "InitMachine"));
        Assert.Equal([true, false], ProbeLog.Calls(added.Id, "UpdateMachine").Select(c => c.OldState!.Active));
    }

    [Fact]
    public void The_update_hook_receives_the_old_state_with_the_old_name()
    {
        var config = Machine("Test Machine 1");
        StartRegistry(ProbeOptions, config);

        var updated = Ask<MachineResult>(new UpdateMachineConfig(config.Id) { Name = "Test Machine 1 - Updated" }).Machine;

        Assert.Equal("Test Machine 1 - Updated", updated.Name);
        var call = Assert.Single(ProbeLog.Calls(config.Id, "UpdateMachine"));
        Assert.Equal("Test Machine 1", call.OldState!.Name);
        Assert.Equal("name=Test Machine 1 - Updated", call.Detail);
        Assert.Equal("Test Machine 1 - Updated", StoredConfig(config.Id).Name);
        Assert.Single(GetMachines(new MachineFilter { Name = "Test Machine 1 - Updated" }));
        Assert.Empty(GetMachines(new MachineFilter { Name = "Test Machine 1" }));
    }

    [Fact]
    public void Reading_a_setting_stores_nothing_so_setting_it_fires_the_update_hook_once()
    {
        var config = Machine("Test Machine 1");
        StartRegistry(ProbeOptions, config);

        var unset = Ask<SettingResult>(new GetMachineSetting(config.Id, SettingConfigType.Driver, "NOTE")).Setting;
        Assert.Equal((null, false), (unset.Value, unset.IsStored));
        Assert.Empty(ProbeLog.Calls(config.Id, "UpdateMachine"));

        var set = Ask<SettingResult>(new SetMachineSetting(config.Id, SettingConfigType.Driver, "NOTE", "test-value")).Setting;

        Assert.Equal(("test-value", true), (set.Value, set.IsStored));
        var call = Assert.Single(ProbeLog.Calls(config.Id, "UpdateMachine"));
        Assert.Null(call.OldState!.GetSetting("NOTE", SettingConfigType.Driver));
        Assert.Equal("test-value", Ask<SettingResult>(new GetMachineSetting(config.Id, SettingConfigType.Driver, "NOTE")).Setting.Value);
        Assert.Equal("test-value", StoredConfig(config.Id).DriverSettings["NOTE"]);
    }

    [Fact]
    public void A_bad_setting_value_is_refused_and_changes_nothing()
    {
        var config = Machine("printer", settings: Driver("RETRIES", 7));
        StartRegistry(ProbeOptions, config);

        var outOfRange = AskFails(new SetMachineSetting(config.Id, SettingConfigType.Driver, "RETRIES", 42), RegistryErrorKind.InvalidArgument);
        var notANumber = AskFails(new SetMachineSetting(config.Id, SettingConfigType.Driver, "RETRIES", "many"), RegistryErrorKind.InvalidArgument);
        var undeclared = AskFails(new SetMachineSetting(config.Id, SettingConfigType.Machine, "RETRIES", 1), RegistryErrorKind.NotFound);

        Assert.Equal("Invalid value for setting RETRIES: must be between 0 and 10", outOfRange.Message);
        Assert.Equal("Invalid value for setting RETRIES: 'many' is not a valid integer", notANumber.Message);
        Assert.Equal("Setting RETRIES (M) is not declared for machine 'printer'", undeclared.Message);
        Assert.Equal(7, StoredConfig(config.Id).DriverSettings["RETRIES"]);
        Assert.Equal(7, Ask<SettingResult>(new GetMachineSetting(config.Id, SettingConfigType.Driver, "RETRIES")).Setting.Value);
        Assert.Empty(ProbeLog.Calls(config.Id, "UpdateMachine"));
    }

    [Fact]
    public void Settings_list_the_machine_types_then_the_drivers_with_defaults_and_protected_values_masked()
    {
        var config = Machine("printer", settings: Driver("SECRET", "hunter2"));
        StartRegistry(ProbeOptions, config);

        var settings = Ask<SettingsResult>(new GetMachineSettings(config.Id)).Settings;

        Assert.Equal(
            ["M LOCATION", "D FAIL_INIT_TIMES", "D FAIL_IN", "D HANG_IN", "D WAIT_IN", "D RETRIES", "D SECRET", "D NOTE"],
            settings.Select(s => $"{s.ConfigType.ToCode()} {s.Key}"));
        Assert.Equal((3, false), (settings.Single(s => s.Key == "RETRIES").Value, settings.Single(s => s.Key == "RETRIES").IsStored));
        Assert.Equal(SettingValue.ProtectedMask, settings.Single(s => s.Key == "SECRET").Value);
        Assert.Equal("hunter2", StoredConfig(config.Id).DriverSettings["SECRET"]);
        AskFails(new GetMachineSetting(config.Id, SettingConfigType.Driver, "NOPE"), RegistryErrorKind.NotFound);
    }

    [Fact]
    public void Restart_clears_errors_status_text_and_restart_required_then_calls_RestartMachine_and_keeps_properties()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions, config);
        CallFunction(config.Id, "report", ("error", "paper low"));
        var troubled = GetMachine(config.Id);
        Assert.Equal((ProbeStatuses.Warning, "check me", true), (troubled.Status, troubled.StatusText, troubled.RestartRequired));
        Assert.Equal(["paper low"], troubled.Errors);

        var restarted = Ask<MachineResult>(new RestartMachine(config.Id)).Machine;

        Assert.Equal((ProbeStatuses.Unknown, "", false, true), (restarted.Status, restarted.StatusText, restarted.RestartRequired, restarted.Initialized));
        Assert.Empty(restarted.Errors);
        Assert.Equal(["errors=0 text="], ProbeLog.Calls(config.Id, "RestartMachine").Select(c => c.Detail));
        Assert.Equal("firmware", Assert.Single(restarted.Properties).Key);
        Assert.Single(ProbeLog.Calls(config.Id, "InitMachine"));
    }

    [Fact]
    public void Functions_are_called_by_name_with_arguments()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions, config);

        Assert.Equal(12, CallFunction(config.Id, "multiply", ("x", 3), ("y", 4)));
        Assert.Equal(12, CallFunction(config.Id, "multiply", ("x", "3"), ("y", 4.0)));
        AskFails(new CallMachineFunction(Guid.NewGuid(), "multiply", new Dictionary<string, object?>()), RegistryErrorKind.NotFound);
    }

    [Fact]
    public void Settings_a_driver_changes_are_stored_and_changes_it_makes_between_calls_are_reported()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions, config);

        CallFunction(config.Id, "remember", ("note", "hello"));
        Assert.Equal("hello", StoredConfig(config.Id).DriverSettings["NOTE"]);
        Assert.Equal("hello", Ask<SettingResult>(new GetMachineSetting(config.Id, SettingConfigType.Driver, "NOTE")).Setting.Value);

        CallFunction(config.Id, "later", ("text", "from the background"));
        Assert.Equal("", GetMachine(config.Id).StatusText);
        ProbeLog.Gate(config.Id).SetResult();
        AwaitAssert(() => Assert.Equal("from the background", GetMachine(config.Id).StatusText));
    }

    [Fact]
    public void Changes_made_from_many_threads_while_calls_run_all_reach_the_registry()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions, config);

        CallFunction(config.Id, "scatter", ("threads", 4), ("changes", 300));
        // Calls begin and end while the threads change the machine: each change is collected by a call or reported.
        for (var i = 0; i < 500 && ProbeLog.Count(config.Id, "Scattered") < 4; i++)
        {
            Assert.Equal(i * 2, CallFunction(config.Id, "multiply", ("x", i), ("y", 2)));
        }

        AwaitAssert(() => Assert.Equal(4, ProbeLog.Count(config.Id, "Scattered")));
        AwaitAssert(() => Assert.Equal(1 + (4 * 300), GetMachine(config.Id).Properties.Count));
    }

    [Fact]
    public void Removing_a_machine_stops_it_and_deletes_its_config()
    {
        var keep = Machine("keep");
        var remove = Machine("remove");
        StartRegistry(ProbeOptions, keep, remove);

        Assert.Equal(remove.Id, Ask<MachineRemoved>(new RemoveMachine(remove.Id)).Id);

        Assert.Equal(["keep"], StoredConfigs().Select(c => c.Name));
        AskFails(new GetMachine(remove.Id), RegistryErrorKind.NotFound);
        AskFails(new RemoveMachine(remove.Id), RegistryErrorKind.NotFound);
        Assert.Equal("remove", AddMachine(new AddMachine("remove", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug)).Name);
    }

    [Fact]
    public void A_rename_made_before_any_name_was_checked_frees_the_old_name_and_takes_the_new_one()
    {
        var renamed = Machine("before");
        StartRegistry(ProbeOptions, renamed, Machine("other"));

        // The name index is built on the first add or rename that checks a name: this rename is that first check.
        Assert.Equal("after", Ask<MachineResult>(new UpdateMachineConfig(renamed.Id) { Name = "after" }).Machine.Name);

        Assert.Equal("before", AddMachine(new AddMachine("before", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug)).Name);
        Assert.Equal("A machine named 'after' already exists", AskFails(new AddMachine("after", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug), RegistryErrorKind.InvalidArgument).Message);
        Assert.Equal("A machine named 'other' already exists", AskFails(new AddMachine("other", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug), RegistryErrorKind.InvalidArgument).Message);
    }

    [Fact]
    public void A_machine_placed_on_another_node_is_stored_but_not_loaded()
    {
        StartRegistry(ProbeOptions);

        var placed = AddMachine(new AddMachine("elsewhere", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug) { Placement = "station-b" });

        Assert.Equal((false, "station-b"), (placed.IsLoaded, placed.Placement));
        Assert.Equal("station-b", StoredConfig(placed.Id).Placement);
        Assert.Empty(GetMachines(MachineFilter.All));
    }

    [Fact]
    public void Moving_a_machine_to_another_node_stores_the_placement_and_unloads_it_here()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions with { NodeName = "station-a" }, config);

        var moved = Ask<MachineResult>(new UpdateMachineConfig(config.Id) { Placement = "station-b" }).Machine;

        Assert.Equal(("station-b", false), (moved.Placement, moved.IsRunning));
        Assert.Equal("station-b", StoredConfig(config.Id).Placement);
        AskFails(new GetMachine(config.Id), RegistryErrorKind.NotFound);
        Assert.Empty(ProbeLog.Calls(config.Id, "UpdateMachine"));
    }

    [Fact]
    public void Requests_sent_while_the_registry_starts_wait_until_the_machines_are_loaded()
    {
        var config = Machine("early");
        StartRegistry(ProbeOptions, waitForReady: false, config);

        var machine = GetMachine(config.Id);

        Assert.Equal("early", machine.Name);
    }

    [Fact]
    public void Reloading_re_initialises_the_machines_with_new_driver_instances()
    {
        var config = Machine("printer");
        StartRegistry(ProbeOptions, config);

        Assert.Equal(2, Ask<RegistryReloaded>(new ReloadRegistry()).Generation);

        Assert.True(GetMachine(config.Id).Initialized);
        Assert.Equal(["driver-inits=1 name=printer", "driver-inits=1 name=printer"], ProbeLog.Calls(config.Id, "InitMachine").Select(c => c.Detail));
        AskFails(new ReloadRegistry(ProbeOptions with { MaxMachineRestarts = -1 }), RegistryErrorKind.InvalidArgument);
    }
}
