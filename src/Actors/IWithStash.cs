namespace MachineActors.Actors;

/// <summary>Marks an actor that can set messages aside; the runtime assigns <see cref="Stash"/> after construction.</summary>
public interface IWithStash
{
    IStash Stash { get; set; }
}
