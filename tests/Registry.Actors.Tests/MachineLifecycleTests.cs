namespace MachineActors.Registry.Tests;

/// <summary>InvenTree's <c>TestDriverMachineInterface.test_machine_lifecycle</c>, on the sample plugin.</summary>
public sealed class MachineLifecycleTests : RegistryTestKit
{
    [Fact]
    public void Plugins_come_and_go_then_three_machines_live_through_filters_restart_and_removal()
    {
        var ready = StartRegistry(SamplePluginOptions with { DisabledPlugins = [SamplePlugin, BrokenPlugin] });
        Assert.Equal((0, 0, 0), (ready.MachineTypes, ready.Drivers, ready.Machines));
        Assert.Empty(GetMachines(MachineFilter.All));

        // Enabling the plugin brings its machine type, its valid drivers and the errors of the others.
        Ask<RegistryReloaded>(new ReloadRegistry(SamplePluginOptions));
        Assert.Equal(["test-printer"], Ask<MachineTypesResult>(GetMachineTypes.Instance).MachineTypes.Select(t => t.Slug));
        var drivers = Ask<DriversResult>(new GetDrivers()).Drivers;
        Assert.Equal(["test-printer-api", "test-printer-error", "test-printer-init-error", "test-printer-virtual"], drivers.Select(d => d.Slug).Order());
        Assert.All(drivers, driver => Assert.Equal((SamplePlugin, false), (driver.Source, driver.IsBuiltIn)));
        Assert.Equal(
            [
                "Cannot re-register driver 'test-printer-error'",
                "'TestPrinterNotImplementedDriver' did not override any of the required methods: PrintLabel or PrintLabels",
            ],
            Ask<RegistryStatusResult>(GetRegistryStatus.Instance).Errors.Select(e => e.Message));

        // Disabling it again takes everything away, errors included.
        Ask<RegistryReloaded>(new ReloadRegistry(SamplePluginOptions with { DisabledPlugins = [SamplePlugin, BrokenPlugin] }));
        Assert.Empty(Ask<DriversResult>(new GetDrivers()).Drivers);
        var status = Ask<RegistryStatusResult>(GetRegistryStatus.Instance);
        Assert.True(status.Ready);
        Assert.Empty(status.Errors);

        Ask<RegistryReloaded>(new ReloadRegistry(SamplePluginOptions));
        var machines = Enumerable.Range(1, 3)
            .Select(i => AddMachine(new AddMachine($"Test Machine {i}", "test-printer", "test-printer-api") { Active = i < 3 }))
            .ToList();
        Assert.Equal(3, StoredConfigs().Count);

        Assert.Equal(3, GetMachines(MachineFilter.All).Count);
        Assert.Equal(2, GetMachines(new MachineFilter { Active = true }).Count);
        Assert.Single(GetMachines(new MachineFilter { Active = false, Initialized = false }));
        Assert.Single(GetMachines(new MachineFilter { Name = "Test Machine 1" }));
        Assert.Empty(GetMachines(new MachineFilter { Name = "Test Machine 1", Active = false }));
        Assert.Single(GetMachines(new MachineFilter { Name = "Test Machine 1", Active = true }));
        var unknown = Assert.Throws<RegistryOperationException>(() => MachineFilter.Parse([new("unknown_filter", "test")]));
        Assert.Equal("'unknown_filter' is not a valid filter field for registry.get_machines.", unknown.Message);

        var first = machines[0];
        Assert.Equivalent(first, GetMachine(first.Id), strict: true);
        Assert.Equal("Restarting...", Ask<MachineResult>(new RestartMachine(first.Id)).Machine.StatusText);

        Assert.Equal(2, GetMachines(new MachineFilter()).Count);
        Ask<MachineRemoved>(new RemoveMachine(first.Id));
        Assert.Single(GetMachines(new MachineFilter()));
        Assert.Equal(2, StoredConfigs().Count);
    }

    [Fact]
    public void Disabling_a_plugin_unloads_its_machines_and_enabling_it_again_initialises_them()
    {
        var printer = Machine("printer", "test-printer", "test-printer-virtual");
        StartRegistry(SamplePluginOptions, printer);
        Assert.True(GetMachine(printer.Id).Initialized);

        Ask<RegistryReloaded>(new ReloadRegistry(SamplePluginOptions with { DisabledPlugins = [SamplePlugin, BrokenPlugin] }));

        var unloaded = GetMachine(printer.Id);
        Assert.Equal((false, false, -1), (unloaded.IsLoaded, unloaded.Initialized, unloaded.StatusCode));
        Assert.Equal(["Machine type 'test-printer' not found"], unloaded.Errors);
        Assert.Equal(["Machine type 'test-printer' not found"], Ask<RegistryStatusResult>(GetRegistryStatus.Instance).Errors.Select(e => e.Message));
        AskFails(new RestartMachine(printer.Id), RegistryErrorKind.InvalidArgument);

        Ask<RegistryReloaded>(new ReloadRegistry(SamplePluginOptions));

        var reloaded = GetMachine(printer.Id);
        Assert.Equal((true, true, "CONNECTED"), (reloaded.IsLoaded, reloaded.Initialized, reloaded.Status!.Name));
        Assert.Empty(reloaded.Errors);
    }
}
