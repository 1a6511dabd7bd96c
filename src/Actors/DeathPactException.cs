namespace MachineActors.Actors;

/// <summary>An actor received a <see cref="Terminated"/> it did not handle; the default decider stops it.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor [{deadActor.Path}] terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}
