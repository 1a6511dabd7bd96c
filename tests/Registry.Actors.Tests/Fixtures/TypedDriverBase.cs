using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

public abstract class TypedDriverBase : Driver
{
    public sealed override string MachineTypeSlug => TypedMachineType.TypeSlug;
}
