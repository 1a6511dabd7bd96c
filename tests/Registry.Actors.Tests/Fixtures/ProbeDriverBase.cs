using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

public abstract class ProbeDriverBase : Driver
{
    public sealed override string MachineTypeSlug => ProbeMachineType.TypeSlug;
}
