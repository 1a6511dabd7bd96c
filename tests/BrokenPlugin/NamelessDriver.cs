using MachineActors.Machines;

namespace MachineActors.BrokenPlugin;

/// <summary>Leaves NAME and DESCRIPTION blank.</summary>
public sealed class NamelessDriver : Driver
{
    public override string Slug => "nameless";

    public override string Name => "";

    public override string Description => " ";

    public override string MachineTypeSlug => "test-printer";
}
