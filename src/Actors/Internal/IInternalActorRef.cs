namespace MachineActors.Actors.Internal;

/// <summary>
/// What the runtime needs from a reference beyond <see cref="IActorRef.Tell"/>: the system-message
/// channel (lifecycle, supervision and DeathWatch) and whether the target is known to be dead.
/// Remote references implement it too, so watch and stop work across nodes.
/// </summary>
public interface IInternalActorRef : IActorRef
{
    bool IsTerminated { get; }

    void SendSystemMessage(SystemMessage message);
}
