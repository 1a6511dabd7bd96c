using MachineActors.Machines;

namespace MachineActors.BrokenPlugin;

/// <summary>Throws while it is created.</summary>
public sealed class ExplodingMachineType : MachineType
{
    public const string Failure = "The machine type's resources are missing";

    public ExplodingMachineType()
    {
        throw new InvalidOperationException(Failure);
    }

    public override string Slug => "exploding";

    public override string Name => "Exploding";

    public override string Description => "Throws in its constructor";

    public override Type BaseDriver => typeof(Driver);

    public override MachineStatusSet Statuses => new();

    public override MachineStatus DefaultStatus => new(100, "OK", "OK", StatusColour.Success);

    public override MachineStatus ErrorStatus => DefaultStatus;
}
