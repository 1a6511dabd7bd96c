namespace MachineActors.Actors;

/// <summary>An actor's constructor, PreStart or PostRestart threw; the default decider stops such an actor.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? cause)
    : Exception(message, cause)
{
    public IActorRef? Actor { get; } = actor;
}
