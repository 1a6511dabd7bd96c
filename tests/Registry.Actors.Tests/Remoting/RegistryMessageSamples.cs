using System.Text.Json;
using MachineActors.Machines;
using MachineActors.Machines.Printing;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// One instance of every registry message, each member set to something other than its default, with values typed
/// <see cref="object"/> of every kind the wire keeps.
/// </summary>
internal static class RegistryMessageSamples
{
    public static readonly Guid MachineId = Guid.Parse("6f1c8a52-0d4e-4b7a-9c11-2b3d4e5f6a7b");
    public static readonly Guid JobId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    /// <summary>With an offset and ticks below a millisecond, so a lossy format would show.</summary>
    public static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    public static readonly MachineStatus Ready = new(100, "READY", "Ready", StatusColour.Success);
    public static readonly MachineStatus Failed = new(500, "ERROR", "Error", StatusColour.Danger);

    public static readonly IReadOnlyList<SettingDefinition> Settings =
    [
        new SettingDefinition { Key = "LOCATION", Name = "Location", Description = "Where", Default = "lab", Required = true, Units = "room" },
        new SettingDefinition { Key = "ENABLED", Name = "Enabled", Type = SettingType.Bool, Default = true },
        new SettingDefinition { Key = "COPIES", Name = "Copies", Type = SettingType.Int, Default = 1, Validator = value => value is 0 ? "no" : null },
        new SettingDefinition { Key = "SCALE", Name = "Scale", Type = SettingType.Float, Default = 2.0 },
        new SettingDefinition
        {
            Key = "MODE",
            Name = "Mode",
            Type = SettingType.Choice,
            Default = "fast",
            Choices = [new SettingChoice("fast", "Fast"), new SettingChoice("slow", "Slow")],
        },
        new SettingDefinition { Key = "TOKEN", Name = "Token", Protected = true },
    ];

    /// <summary>Every kind of value the wire keeps, and a JSON element as an HTTP body gives it.</summary>
    public static readonly IReadOnlyDictionary<string, object?> Values = new Dictionary<string, object?>
    {
        ["string"] = "text",
        ["empty"] = "",
        ["bool"] = false,
        ["int"] = 3,
        ["long"] = 5_000_000_000L,
        ["whole-double"] = 2.0,
        ["double"] = 0.1,
        ["nan"] = double.NaN,
        ["infinity"] = double.NegativeInfinity,
        ["single"] = 2.5f,
        ["decimal"] = 1.50m,
        ["guid"] = MachineId,
        ["time"] = At,
        ["span"] = TimeSpan.FromTicks(123_456_789),
        ["null"] = null,
        ["json"] = JsonDocument.Parse("{\"copies\":\"2\",\"list\":[1,2.0,true,null]}").RootElement,
    };

    public static readonly MachineView View = new()
    {
        Id = MachineId,
        Name = "typed 1",
        MachineType = "typed",
        Driver = "typed-driver",
        Active = true,
        Initialized = true,
        Placement = "station-a",
        Status = Ready,
        StatusText = "Spooling",
        StatusIsLastKnown = true,
        Errors = ["first", "second"],
        IsDriverAvailable = true,
        RestartRequired = true,
        Properties =
        [
            new MachineProperty("online", true, "state", PropertyType.Bool, null),
            new MachineProperty("count", 42, "state", PropertyType.Int, null),
            new MachineProperty("ratio", 2.0, "state", PropertyType.Float, null),
            new MachineProperty("progress", 30, null, PropertyType.Progress, 200),
            new MachineProperty("nothing", null, null, PropertyType.String, null),
        ],
        IsLoaded = true,
        IsRunning = true,
    };

    public static readonly PrintJobView Job = new(
        JobId, MachineId, PrintJobState.Interrupted, 50, 2, 3, [0, 1], "The printer went away", "key-1", At, At.AddSeconds(1), At.AddSeconds(2));

    public static readonly IReadOnlyList<SettingChange> Changes =
    [
        new SettingChange(SettingConfigType.Machine, "LOCATION", "bay 4"),
        new SettingChange(SettingConfigType.Machine, "ENABLED", false),
        new SettingChange(SettingConfigType.Driver, "COPIES", 3),
        new SettingChange(SettingConfigType.Driver, "SCALE", 2.0),
        new SettingChange(SettingConfigType.Driver, "MODE", "slow"),
        new SettingChange(SettingConfigType.Driver, "TOKEN", null),
    ];

    /// <summary>One of each registered type, by type.</summary>
    public static IReadOnlyDictionary<Type, object> All()
    {
        object[] samples =
        [
            new GetMachines(new MachineFilter { Name = "typed 1", MachineType = "typed", Driver = "typed-driver", Active = false, Initialized = null }),
            new MachinesResult([View, View with { Id = JobId, Status = null, Properties = [], Errors = [] }]),
            new GetMachine(MachineId),
            new MachineResult(View),
            new AddMachine("typed 2", "typed", "typed-driver") { Id = MachineId, Active = false, Placement = "station-b", Settings = Changes },
            new UpdateMachineConfig(MachineId) { Name = "renamed", Active = true, Placement = "", Settings = Changes },
            new RemoveMachine(MachineId),
            new MachineRemoved(MachineId),
            new RestartMachine(MachineId),
            new GetMachineSettings(MachineId),
            new SettingsResult(MachineId,
            [
                new SettingView(SettingConfigType.Machine, Settings[0], "bay 4", true),
                new SettingView(SettingConfigType.Machine, Settings[1], false, true),
                new SettingView(SettingConfigType.Driver, Settings[2], 3, true),
                new SettingView(SettingConfigType.Driver, Settings[3], 2.0, false),
                new SettingView(SettingConfigType.Driver, Settings[4], "slow", true),
                new SettingView(SettingConfigType.Driver, Settings[5], SettingValue.ProtectedMask, true),
            ]),
            new GetMachineSetting(MachineId, SettingConfigType.Driver, "COPIES"),
            new SetMachineSetting(MachineId, SettingConfigType.Driver, "SCALE", 0.5),
            new SettingResult(MachineId, new SettingView(SettingConfigType.Driver, Settings[3], 0.5, true)),
            GetRegistryStatus.Instance,
            new RegistryStatusResult(3, true, [new RegistryError("Cannot re-register driver 'x'", "MachineActors.SamplePlugin")]),
            GetMachineTypes.Instance,
            new MachineTypesResult([new MachineTypeView("typed", "Typed", "Every type", "tests", true, Settings, [Ready, Failed], Ready, Failed)]),
            new GetDrivers("typed"),
            new DriversResult(
            [
                new DriverView(
                    "typed-driver", "Typed driver", "Publishes", "typed", "tests", false, Settings,
                    [
                        new MachineCommandDefinition("scale", "Multiplies",
                        [
                            new MachineCommandParameter("value", SettingType.Float, true, false, "The value"),
                            new MachineCommandParameter("note", SettingType.String, false, true, ""),
                        ]),
                    ],
                    ["InitDriver failed"]),
            ]),
            new CallMachineFunction(MachineId, "scale", Values),
            new MachineFunctionResult(MachineId, "scale", 7.5),
            new ReloadRegistry(),
            new RegistryReloaded(2),
            new SubmitPrintJob(
                MachineId,
                [Label.FromText("hello", "first"), new Label(new byte[] { 0, 1, 2, 255 }, "application/zpl")],
                new Dictionary<string, object?> { ["copies"] = 2, ["media"] = "4x6", ["cut"] = true, ["darkness"] = 0.75, ["none"] = null },
                "key-1"),
            new PrintJobAccepted(Job, true),
            new GetPrintJobs(MachineId),
            new PrintJobsResult([Job, Job with { State = PrintJobState.Queued, StartedAt = null, FinishedAt = null, Error = null, IdempotencyKey = null }]),
            new GetPrintJob(MachineId, JobId),
            new PrintJobResult(Job),
            DrainPrinting.Instance,
            PrintingDrained.Instance,
            new RegistryStageCompleted(2, RegistryStage.LoadMachines, 5, 1, TimeSpan.FromTicks(123_456_789)),
            new RegistryReady(2, 1, 2, 3, 2, 1, TimeSpan.FromTicks(98_765_432)),
            new MachineFailed(MachineId, "typed 1", "Init failure 1", 2, TimeSpan.FromSeconds(4)),
            new MachineStateChangedEvent(MachineId, 301, "No media", ["out of labels"]),
            new PrintJobUpdated(Job),
        ];
        return samples.ToDictionary(sample => sample.GetType());
    }
}
