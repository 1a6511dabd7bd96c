using System.Text.Json;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Drivers.LabelPrinter.Drivers;
using MachineActors.Machines;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Printing;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// A front end, node A, asks the registry of a station, node B, through a remote reference and gets the reply B's own
/// clients get: the same records, the same typed values, the same failures.
/// </summary>
public sealed class RemoteRegistryTests : IAsyncLifetime
{
    private static readonly MachineConfig Api = Config("api", "test-printer", "test-printer-api", ("M", "LOCATION", "shelf 2"));
    private static readonly MachineConfig Typed = Config(
        "typed", TypedMachineType.TypeSlug, TypedDriver.DriverSlug,
        ("M", "ENABLED", false), ("D", "COPIES", 4), ("D", "SCALE", 0.75), ("D", "MODE", "slow"), ("D", "TOKEN", "s3cret"));
    private static readonly MachineConfig Idle = Config("idle", TypedMachineType.TypeSlug, TypedDriver.DriverSlug) with { Active = false };
    private static readonly MachineConfig Orphan = Config("orphan", "test-printer", "missing-driver");
    private static readonly MachineConfig Broken = Config("broken", "test-printer", "test-printer-init-error");
    private static readonly MachineConfig Probe = Config("probe", ProbeMachineType.TypeSlug, ProbeDriver.DriverSlug);

    private readonly string _spool = Directory.CreateTempSubdirectory("remote-registry-spool-").FullName;
    private RegistryNodes _nodes = null!;
    private MachineConfig _label = null!;

    private static RegistryOptions Options => new()
    {
        BuiltInAssemblies = [typeof(TypedMachineType).Assembly, typeof(LabelPrinterMachineType).Assembly],
        PluginsFolder = Path.Combine(AppContext.BaseDirectory, "plugins"),
        DisabledPlugins = ["MachineActors.BrokenPlugin"],
        NodeName = "station-b",
        DriverCallTimeout = TimeSpan.FromSeconds(5),
        MaxMachineRestarts = 1,
        // A failed machine waits this long before its restart: long enough to find it stopped.
        MinRestartBackoff = TimeSpan.FromMinutes(5),
        MaxRestartBackoff = TimeSpan.FromMinutes(5),
        RestartRandomFactor = 0,
    };

    public async Task InitializeAsync()
    {
        _label = Config(
            "label", LabelPrinterMachineType.TypeSlug, "virtual-label-printer", ("D", VirtualLabelPrinterDriver.SpoolDirSetting, _spool));
        _nodes = await RegistryNodes.StartAsync(Options, Api, Typed, Idle, Orphan, Broken, Probe, _label);
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task Machines_are_listed_with_each_filter_as_they_are_locally()
    {
        MachineFilter[] filters =
        [
            new MachineFilter(),
            MachineFilter.All,
            new MachineFilter { MachineType = TypedMachineType.TypeSlug, Initialized = null },
            new MachineFilter { Driver = "test-printer-api" },
            new MachineFilter { Active = false, Initialized = false },
            new MachineFilter { Name = "typed", Active = true, Initialized = true },
            new MachineFilter { Name = "nobody" },
        ];
        var counts = new List<int>();
        foreach (var filter in filters)
        {
            counts.Add((await _nodes.AskBoth<MachinesResult>(new GetMachines(filter))).Machines.Count);
        }

        Assert.Equal([4, 7, 2, 1, 1, 1, 0], counts);
        var typed = (await _nodes.AskRemote<MachinesResult>(new GetMachines(new MachineFilter { Name = "typed" }))).Machines.Single();
        var properties = typed.Properties.ToDictionary(p => p.Key, p => p.Value);
        Assert.True(Assert.IsType<bool>(properties["online"]));
        Assert.Equal(42, Assert.IsType<int>(properties["count"]));
        Assert.Equal(0.25, Assert.IsType<double>(properties["ratio"]));
        Assert.Equal(2.0, Assert.IsType<double>(properties["whole-ratio"]));
        Assert.Equal("2.1", Assert.IsType<string>(properties["firmware"]));
        Assert.Null(properties["nothing"]);
        Assert.Equal(200, typed.Properties.Single(p => p.Key == "progress").MaxProgress);
        Assert.Equal((ProbeStatuses.Ready, 100), (typed.Status, typed.StatusCode));
    }

    [Fact]
    public async Task A_machine_and_its_errors_read_as_they_do_locally()
    {
        var typed = (await _nodes.AskBoth<MachineResult>(new GetMachine(Typed.Id))).Machine;
        var orphan = (await _nodes.AskBoth<MachineResult>(new GetMachine(Orphan.Id))).Machine;

        Assert.True(typed.Initialized);
        Assert.Equal(["Driver 'missing-driver' not found"], orphan.Errors);
        Assert.False(orphan.IsDriverAvailable);
    }

    [Fact]
    public async Task A_machine_added_remotely_with_settings_of_each_type_is_the_machine_B_sees()
    {
        var id = Guid.NewGuid();
        var added = (await _nodes.AskRemote<MachineResult>(new AddMachine("typed 2", TypedMachineType.TypeSlug, TypedDriver.DriverSlug)
        {
            Id = id,
            Placement = "  ",
            Settings =
            [
                new SettingChange(SettingConfigType.Machine, "LOCATION", "bay 4"),
                new SettingChange(SettingConfigType.Machine, "ENABLED", false),
                new SettingChange(SettingConfigType.Driver, "COPIES", 3),
                new SettingChange(SettingConfigType.Driver, "SCALE", 2.0),
                new SettingChange(SettingConfigType.Driver, "MODE", "slow"),
                new SettingChange(SettingConfigType.Driver, "TOKEN", "hunter2"),
            ],
        })).Machine;

        Same.Assert((await _nodes.AskLocal<MachineResult>(new GetMachine(id))).Machine, added);
        Assert.True(added.Initialized);
        var stored = (await _nodes.Store.LoadAll()).Single(config => config.Id == id);
        Assert.False(Assert.IsType<bool>(stored.MachineSettings["ENABLED"]));
        Assert.Equal(3, Assert.IsType<int>(stored.DriverSettings["COPIES"]));
        Assert.Equal(2.0, Assert.IsType<double>(stored.DriverSettings["SCALE"]));
        Assert.Equal("hunter2", stored.DriverSettings["TOKEN"]);
        var settings = (await _nodes.AskBoth<SettingsResult>(new GetMachineSettings(id))).Settings.ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal("bay 4", Assert.IsType<string>(settings["LOCATION"]));
        Assert.False(Assert.IsType<bool>(settings["ENABLED"]));
        Assert.Equal(3, Assert.IsType<int>(settings["COPIES"]));
        Assert.Equal(2.0, Assert.IsType<double>(settings["SCALE"]));
        Assert.Equal("slow", Assert.IsType<string>(settings["MODE"]));
        Assert.Equal(SettingValue.ProtectedMask, settings["TOKEN"]);
    }

    [Fact]
    public async Task A_remote_update_changes_the_machine_B_sees()
    {
        var updated = (await _nodes.AskRemote<MachineResult>(new UpdateMachineConfig(Typed.Id)
        {
            Name = "typed renamed",
            Placement = "station-b",
            Settings = [new SettingChange(SettingConfigType.Driver, "COPIES", 9)],
        })).Machine;

        Same.Assert((await _nodes.AskLocal<MachineResult>(new GetMachine(Typed.Id))).Machine, updated);
        Assert.Equal("typed renamed", updated.Name);
        Assert.Equal(9, (await _nodes.Store.LoadAll()).Single(config => config.Id == Typed.Id).DriverSettings["COPIES"]);
        var inactive = (await _nodes.AskRemote<MachineResult>(new UpdateMachineConfig(Typed.Id) { Active = false })).Machine;
        Assert.False(inactive.Initialized);
        Same.Assert((await _nodes.AskLocal<MachineResult>(new GetMachine(Typed.Id))).Machine, inactive);
    }

    [Theory]
    [InlineData("M", "LOCATION", "dock 7")]
    [InlineData("M", "ENABLED", true)]
    [InlineData("D", "COPIES", 7)]
    [InlineData("D", "SCALE", 0.5)]
    [InlineData("D", "SCALE", 3.0)]
    [InlineData("D", "MODE", "fast")]
    public async Task A_setting_of_each_type_set_remotely_reads_back_with_its_type(string code, string key, object value)
    {
        SettingConfigTypeCodes.TryParse(code, out var type);

        var set = await _nodes.AskRemote<SettingResult>(new SetMachineSetting(Typed.Id, type, key, value));

        Same.Assert((await _nodes.AskLocal<SettingResult>(new GetMachineSetting(Typed.Id, type, key))), set);
        Same.Assert(value, set.Setting.Value);
        Same.Assert(value, (await _nodes.AskBoth<SettingResult>(new GetMachineSetting(Typed.Id, type, key))).Setting.Value);
    }

    [Fact]
    public async Task Setting_values_given_as_text_or_as_JSON_are_parsed_on_the_station()
    {
        using var body = JsonDocument.Parse("{\"copies\":5,\"scale\":\"1.25\",\"enabled\":true}");

        var copies = await _nodes.AskRemote<SettingResult>(
            new SetMachineSetting(Typed.Id, SettingConfigType.Driver, "COPIES", body.RootElement.GetProperty("copies")));
        var scale = await _nodes.AskRemote<SettingResult>(
            new SetMachineSetting(Typed.Id, SettingConfigType.Driver, "SCALE", body.RootElement.GetProperty("scale")));
        var enabled = await _nodes.AskRemote<SettingResult>(new SetMachineSetting(Typed.Id, SettingConfigType.Machine, "ENABLED", "false"));

        Assert.Equal(5, Assert.IsType<int>(copies.Setting.Value));
        Assert.Equal(1.25, Assert.IsType<double>(scale.Setting.Value));
        Assert.False(Assert.IsType<bool>(enabled.Setting.Value));
    }

    [Fact]
    public async Task A_remote_restart_restarts_the_machine_on_B()
    {
        var restarted = (await _nodes.AskRemote<MachineResult>(new RestartMachine(Api.Id))).Machine;

        Assert.Equal("Restarting...", restarted.StatusText);
        Same.Assert((await _nodes.AskLocal<MachineResult>(new GetMachine(Api.Id))).Machine, restarted);
    }

    [Fact]
    public async Task Types_drivers_and_registry_errors_read_as_they_do_locally()
    {
        var types = (await _nodes.AskBoth<MachineTypesResult>(GetMachineTypes.Instance)).MachineTypes;
        var drivers = (await _nodes.AskBoth<DriversResult>(new GetDrivers())).Drivers;
        var typedDrivers = (await _nodes.AskBoth<DriversResult>(new GetDrivers(TypedMachineType.TypeSlug))).Drivers;
        var status = await _nodes.AskBoth<RegistryStatusResult>(GetRegistryStatus.Instance);

        Assert.Contains(types, type => type.Slug == LabelPrinterMachineType.TypeSlug);
        Assert.Contains(drivers, driver => driver.Slug == "virtual-label-printer");
        var typed = Assert.Single(typedDrivers);
        Assert.Equal(["describe", "negate", "nothing", "reading", "scale"], typed.Commands.Select(c => c.Name));
        var copies = typed.Settings.Single(s => s.Key == "COPIES");
        Assert.Equal((1, SettingType.Int), (Assert.IsType<int>(copies.Default), copies.Type));
        Assert.Equal(1.5, Assert.IsType<double>(typed.Settings.Single(s => s.Key == "SCALE").Default));
        Assert.Equal(["fast", "slow"], typed.Settings.Single(s => s.Key == "MODE").Choices.Select(c => c.Value));
        Assert.Null(copies.Validator);
        Assert.True(status.Ready);
        Assert.Contains(status.Errors, error => error.Message == "Cannot re-register driver 'test-printer-error'");
    }

    [Fact]
    public async Task Machine_functions_take_and_return_typed_values_across_the_wire()
    {
        var scaled = await _nodes.AskBoth<MachineFunctionResult>(Call(Typed, "scale", ("value", 2.5), ("times", 3)));
        var negated = await _nodes.AskBoth<MachineFunctionResult>(Call(Typed, "negate", ("flag", true)));
        var described = await _nodes.AskBoth<MachineFunctionResult>(
            Call(Typed, "describe", ("text", "hi"), ("flag", false), ("count", 2), ("ratio", 0.5), ("note", null)));
        var nothing = await _nodes.AskBoth<MachineFunctionResult>(Call(Typed, "nothing"));
        var product = await _nodes.AskBoth<MachineFunctionResult>(Call(Api, "custom_func", ("x", 6), ("y", 7)));

        Assert.Equal(7.5, Assert.IsType<double>(scaled.Value));
        Assert.False(Assert.IsType<bool>(negated.Value));
        Assert.Equal("hi|False|2|0.5|null", described.Value);
        Assert.Null(nothing.Value);
        Assert.Equal(42, Assert.IsType<int>(product.Value));
        Assert.Equal((Api.Id, "custom_func"), (product.MachineId, product.Function));
    }

    [Fact]
    public async Task Function_arguments_from_an_HTTP_body_reach_the_station_as_JSON()
    {
        using var body = JsonDocument.Parse("{\"value\":1.5,\"times\":\"4\"}");
        var arguments = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

        var result = await _nodes.AskBoth<MachineFunctionResult>(new CallMachineFunction(Typed.Id, "scale", arguments));

        Assert.Equal(6.0, Assert.IsType<double>(result.Value));
    }

    [Fact]
    public async Task A_function_result_that_is_not_a_value_arrives_as_its_JSON()
    {
        var request = Call(Typed, "reading", ("count", 2));

        var remote = await _nodes.AskRemote<MachineFunctionResult>(request);
        var local = await _nodes.AskLocal<MachineFunctionResult>(request);

        Assert.Equal([2, 3], Assert.IsType<TypedReading>(local.Value).Values);
        Assert.Equal("{\"Count\":2,\"Values\":[2,3]}", Assert.IsType<JsonElement>(remote.Value).GetRawText());
    }

    [Fact]
    public async Task A_print_job_submitted_remotely_prints_on_the_station_and_reads_as_it_does_locally()
    {
        var zpl = new Label(new byte[] { 0x5E, 0x58, 0x41, 0x00, 0xFF }, "application/zpl", "raw");
        var submit = new SubmitPrintJob(_label.Id, [Label.FromText("hello", "first"), zpl], new Dictionary<string, object?> { ["copies"] = 2 }, "order-17");

        var accepted = await _nodes.AskRemote<PrintJobAccepted>(submit);

        Assert.False(accepted.Duplicate);
        Assert.Equal((_label.Id, 2, 2, "order-17"), (accepted.Job.MachineId, accepted.Job.Labels, accepted.Job.Copies, accepted.Job.IdempotencyKey));
        var final = await FinalJob(accepted.Job.Id);
        Assert.Equal(PrintJobState.Completed, final.State);
        Assert.Equal(accepted.Job.AcceptedAt, final.AcceptedAt);
        Assert.Equal(4, Directory.GetFiles(_spool).Length);
        Same.Assert(final, (await _nodes.AskBoth<PrintJobResult>(new GetPrintJob(_label.Id, accepted.Job.Id))).Job);
        Assert.Single((await _nodes.AskBoth<PrintJobsResult>(new GetPrintJobs(_label.Id))).Jobs);
        // The same idempotency key again: the same job, not a second one, from either node.
        var again = await _nodes.AskBoth<PrintJobAccepted>(submit);
        Assert.Equal((true, accepted.Job.Id), (again.Duplicate, again.Job.Id));
        Assert.Equal(4, Directory.GetFiles(_spool).Length);
        await _nodes.AskBoth<PrintingDrained>(DrainPrinting.Instance);
    }

    [Fact]
    public async Task Each_failure_kind_arrives_with_its_kind_and_message()
    {
        var unknown = Guid.NewGuid();
        await _nodes.FailsBoth(new GetMachine(unknown), RegistryErrorKind.NotFound);
        await _nodes.FailsBoth(new GetMachineSetting(Typed.Id, SettingConfigType.Driver, "NOPE"), RegistryErrorKind.NotFound);
        await _nodes.FailsBoth(new GetPrintJob(_label.Id, unknown), RegistryErrorKind.NotFound);
        var notInt = await _nodes.FailsBoth(new SetMachineSetting(Typed.Id, SettingConfigType.Driver, "COPIES", "many"), RegistryErrorKind.InvalidArgument);
        var tooMany = await _nodes.FailsBoth(new SetMachineSetting(Typed.Id, SettingConfigType.Driver, "COPIES", 11), RegistryErrorKind.InvalidArgument);
        await _nodes.FailsBoth(new SetMachineSetting(Typed.Id, SettingConfigType.Driver, "MODE", "medium"), RegistryErrorKind.InvalidArgument);
        await _nodes.FailsBoth(Call(Typed, "scale", ("value", 1.0)), RegistryErrorKind.InvalidArgument);
        await _nodes.FailsBoth(new SubmitPrintJob(_label.Id, [], new Dictionary<string, object?>(), null), RegistryErrorKind.InvalidArgument);
        await WaitUntilStopped(Broken.Id);
        var stopped = await _nodes.FailsBoth(Call(Broken, "anything"), RegistryErrorKind.Unavailable);
        // A driver failure fails the machine, so it is asked once.
        var failed = await Assert.ThrowsAsync<RegistryOperationException>(() => _nodes.AskRemote<object>(Call(Probe, "fail", ("message", "paper on fire"))));

        Assert.Equal("Invalid value for setting COPIES: 'many' is not a valid integer", notInt.Message);
        Assert.Contains("must be between 1 and 10", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal("Machine 'broken' is not running", stopped.Message);
        Assert.Equal(RegistryErrorKind.DriverFailure, failed.Kind);
        Assert.Contains("paper on fire", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_removed_remotely_is_gone_on_B()
    {
        var removed = await _nodes.AskRemote<MachineRemoved>(new RemoveMachine(Idle.Id));

        Assert.Equal(new MachineRemoved(Idle.Id), removed);
        await _nodes.FailsBoth(new GetMachine(Idle.Id), RegistryErrorKind.NotFound);
        Assert.DoesNotContain(await _nodes.Store.LoadAll(), config => config.Id == Idle.Id);
    }

    [Fact]
    public async Task A_remote_reload_reloads_the_station_with_its_own_options()
    {
        var reloaded = await _nodes.AskRemote<RegistryReloaded>(new ReloadRegistry());

        Assert.Equal(new RegistryReloaded(2), reloaded);
        Assert.True((await _nodes.AskBoth<MachineResult>(new GetMachine(Typed.Id))).Machine.Initialized);
    }

    private static CallMachineFunction Call(MachineConfig machine, string function, params (string Name, object? Value)[] arguments) =>
        new(machine.Id, function, arguments.ToDictionary(argument => argument.Name, argument => argument.Value));

    private static MachineConfig Config(string name, string type, string driver, params (string Type, string Key, object? Value)[] settings)
    {
        var config = new MachineConfig { Id = Guid.NewGuid(), Name = name, MachineTypeSlug = type, DriverSlug = driver, Active = true };
        foreach (var (code, key, value) in settings)
        {
            config = config.WithSetting(code == "M" ? SettingConfigType.Machine : SettingConfigType.Driver, key, value);
        }
        return config;
    }

    private async Task<PrintJobView> FinalJob(Guid jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var job = (await _nodes.AskLocal<PrintJobResult>(new GetPrintJob(_label.Id, jobId))).Job;
            if (job.IsFinal)
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} is still {job.State}.");
            await Task.Delay(20);
        }
    }

    private async Task WaitUntilStopped(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await _nodes.AskLocal<MachineResult>(new GetMachine(id))).Machine.IsRunning)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Machine {id} still runs.");
            await Task.Delay(20);
        }
    }
}
