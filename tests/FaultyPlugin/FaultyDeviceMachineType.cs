using MachineActors.Machines;

namespace MachineActors.FaultyPlugin;

/// <summary>A machine type for the faulty driver: a device that is connected or in error.</summary>
public sealed class FaultyDeviceMachineType : MachineType
{
    public const string TypeSlug = "faulty-device";

    public static readonly MachineStatus Connected = new(100, "CONNECTED", "Connected", StatusColour.Success);
    public static readonly MachineStatus Unknown = new(101, "UNKNOWN", "Unknown", StatusColour.Secondary);
    public static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    public override string Slug => TypeSlug;

    public override string Name => "Faulty device";

    public override string Description => "A device whose driver misbehaves on purpose (fault-injection tests)";

    public override Type BaseDriver => typeof(FaultyDeviceDriverBase);

    public override MachineStatusSet Statuses { get; } = new(Connected, Unknown, Error);

    public override MachineStatus DefaultStatus => Unknown;

    public override MachineStatus ErrorStatus => Error;
}
