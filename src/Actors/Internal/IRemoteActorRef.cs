namespace MachineActors.Actors.Internal;

/// <summary>
/// A reference to an actor on another node. It knows the local system it was made in, so an Ask through it
/// creates its temporary reply address there.
/// </summary>
public interface IRemoteActorRef : IInternalActorRef
{
    ActorSystem LocalSystem { get; }
}
