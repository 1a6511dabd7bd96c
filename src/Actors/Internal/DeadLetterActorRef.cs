using MachineActors.Actors.Event;

namespace MachineActors.Actors.Internal;

/// <summary>Publishes whatever is sent to it as a <see cref="DeadLetter"/>.</summary>
public sealed class DeadLetterActorRef(ActorPath path, EventStream eventStream) : MinimalActorRef(path)
{
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deadLetter = message as DeadLetter ?? new DeadLetter(message, sender, this);
        eventStream.Publish(deadLetter);
    }
}
