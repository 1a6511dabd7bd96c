using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

public abstract class StrictDriverBase : Driver
{
    public sealed override string MachineTypeSlug => StrictMachineType.TypeSlug;
}
