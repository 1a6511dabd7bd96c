using MachineActors.Machines;

namespace MachineActors.FaultyPlugin;

/// <summary>The base driver of <see cref="FaultyDeviceMachineType"/>.</summary>
public abstract class FaultyDeviceDriverBase : Driver
{
    public sealed override string MachineTypeSlug => FaultyDeviceMachineType.TypeSlug;
}
