namespace MachineActors.Registry.Tests;

/// <summary>Stages 1 and 2: what cannot be loaded or registered becomes a registry error; the rest works.</summary>
public sealed class DiscoveryErrorTests : RegistryTestKit
{
    [Fact]
    public void Broken_plugins_duplicate_slugs_and_invalid_classes_are_registry_errors_and_the_rest_registers()
    {
        var folder = TempFolder();
        File.Copy(Path.Combine(PluginsFolder, SamplePlugin + ".dll"), Path.Combine(folder, SamplePlugin + ".dll"));
        File.Copy(Path.Combine(PluginsFolder, BrokenPlugin + ".dll"), Path.Combine(folder, BrokenPlugin + ".dll"));
        // The same plugin again under a later name: every slug it brings is taken already.
        File.Copy(Path.Combine(PluginsFolder, SamplePlugin + ".dll"), Path.Combine(folder, "ZSampleCopy.dll"));
        File.WriteAllText(Path.Combine(folder, "corrupt.dll"), "not an assembly");
        var stages = CreateTestProbe();
        Sys.EventStream.Subscribe(stages.Ref, typeof(RegistryStageCompleted));

        var ready = StartRegistry(ProbeOptions with { BuiltInAssemblies = [], PluginsFolder = folder });

        var errors = Ask<RegistryStatusResult>(GetRegistryStatus.Instance).Errors;
        var messages = errors.Select(e => e.Message).ToList();
        Assert.StartsWith("Plugin 'corrupt' could not be loaded: ", messages[0]);
        // By stage, then by plugin file name; within a plugin the order of its classes is the compiler's.
        Assert.Equal(
            [
                "'ExplodingMachineType' could not be created: The machine type's resources are missing",
                "Cannot re-register machine type 'test-printer'",
            ],
            messages.Skip(1).Take(2));
        Assert.Equal(
            [
                "'NamelessDriver' did not override the required attributes: NAME, DESCRIPTION",
                "'TestPrinterNotImplementedDriver' did not override any of the required methods: PrintLabel or PrintLabels",
                "'TestPrinterNotImplementedDriver' did not override any of the required methods: PrintLabel or PrintLabels",
                "Cannot re-register driver 'test-printer-api'",
                "Cannot re-register driver 'test-printer-error'",
                "Cannot re-register driver 'test-printer-error'",
                "Cannot re-register driver 'test-printer-error'",
                "Cannot re-register driver 'test-printer-init-error'",
                "Cannot re-register driver 'test-printer-virtual'",
            ],
            messages.Skip(3).Order(StringComparer.Ordinal));
        Assert.Equal(["corrupt", BrokenPlugin, "ZSampleCopy", BrokenPlugin], errors.Take(4).Select(e => e.Source));
        Assert.Equal(errors.Count, ready.Errors);

        var typeStage = stages.ExpectMsg<RegistryStageCompleted>();
        Assert.Equal((RegistryStage.DiscoverMachineTypes, 1, 3), (typeStage.Stage, typeStage.Count, typeStage.Errors));
        var driverStage = stages.ExpectMsg<RegistryStageCompleted>();
        Assert.Equal((RegistryStage.DiscoverDrivers, 4, 9), (driverStage.Stage, driverStage.Count, driverStage.Errors));
        var machineStage = stages.ExpectMsg<RegistryStageCompleted>();
        Assert.Equal((RegistryStage.LoadMachines, 0, 0), (machineStage.Stage, machineStage.Count, machineStage.Errors));

        var machine = AddMachine(new AddMachine("Works", "test-printer", "test-printer-api"));
        Assert.True(machine.Initialized);
        Assert.Equal(SamplePlugin, Ask<DriversResult>(new GetDrivers("test-printer")).Drivers.Single(d => d.Slug == "test-printer-api").Source);
    }

    [Fact]
    public void Plugins_are_disabled_by_file_name_ignoring_case()
    {
        var ready = StartRegistry(ProbeOptions with { BuiltInAssemblies = [], PluginsFolder = PluginsFolder, DisabledPlugins = ["machineactors.brokenplugin"] });

        Assert.Equal((1, 4, 2), (ready.MachineTypes, ready.Drivers, ready.Errors));
    }

    [Fact]
    public void A_missing_plugins_folder_means_no_plugins()
    {
        var ready = StartRegistry(ProbeOptions with { PluginsFolder = Path.Combine(TempFolder(), "absent") });

        Assert.Equal(0, ready.Errors);
        Assert.DoesNotContain(Ask<MachineTypesResult>(GetMachineTypes.Instance).MachineTypes, type => !type.IsBuiltIn);
    }

    [Fact]
    public void Plugins_load_into_their_own_collectible_contexts_and_share_the_sdk_with_the_host()
    {
        StartRegistry(SamplePluginOptions);

        var plugin = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == SamplePlugin);
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(plugin)!;
        Assert.True(context.IsCollectible);
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, context);
        var sdk = typeof(Machines.Driver).Assembly;
        Assert.Contains(plugin.GetReferencedAssemblies(), name => name.Name == sdk.GetName().Name);
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == sdk.GetName().Name);
    }
}
