using MachineActors.Machines;

namespace Example.Scales;

/// <summary>The machine type: what every scale has, whichever driver talks to it.</summary>
public sealed class ScaleMachineType : MachineType
{
    public static readonly MachineStatus Connected = new(100, "CONNECTED", "Connected", StatusColour.Success);
    public static readonly MachineStatus Unknown = new(101, "UNKNOWN", "Unknown", StatusColour.Secondary);
    public static readonly MachineStatus Overloaded = new(301, "OVERLOADED", "Overloaded", StatusColour.Warning);
    public static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    public override string Slug => "scale";

    public override string Name => "Scale";

    public override string Description => "Weighs parts and stock";

    public override Type BaseDriver => typeof(ScaleDriver);

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "CAPACITY_KG", Name = "Capacity in kg", Type = SettingType.Float, Default = 30.0 },
    ];

    public override MachineStatusSet Statuses { get; } = new(Connected, Unknown, Overloaded, Error);

    public override MachineStatus DefaultStatus => Unknown;

    public override MachineStatus ErrorStatus => Error;
}

/// <summary>The base driver: the API every scale driver implements.</summary>
[RequiresOverrideOfOneOf(nameof(ReadWeight))]
public abstract class ScaleDriver : Driver
{
    public sealed override string MachineTypeSlug => "scale";

    public virtual Task<double> ReadWeight(IMachine machine, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}

/// <summary>A driver: one way of talking to scales.</summary>
public sealed class DemoScaleDriver : ScaleDriver
{
    public override string Slug => "demo-scale";

    public override string Name => "Demo scale";

    public override string Description => "A scale that always weighs 1.25 kg";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "HOST", Name = "Host name", Required = true },
    ];

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        machine.SetProperty("host", machine.GetSetting("HOST", SettingConfigType.Driver));
        machine.SetStatus(ScaleMachineType.Connected);
        return Task.CompletedTask;
    }

    public override Task<double> ReadWeight(IMachine machine, CancellationToken cancellationToken) =>
        Task.FromResult(1.25);

    [MachineCommand("weigh", Description = "Reads the weight in kg")]
    public Task<double> Weigh(IMachine machine, CancellationToken cancellationToken) =>
        ReadWeight(machine, cancellationToken);
}
