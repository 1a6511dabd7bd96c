namespace MachineActors.Actors;

/// <summary>
/// A location-transparent handle to an actor. Equality is by path and incarnation uid, so a
/// reference to a stopped actor never equals a reference to a new actor of the same name.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/>; never blocks and never throws for a stopped actor (dead letters).</summary>
    void Tell(object message, IActorRef? sender);
}
