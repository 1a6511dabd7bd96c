using MachineActors.Actors.Dispatch;

namespace MachineActors.Actors;

public static class ActorRefExtensions
{
    /// <summary>Tells with the current actor as sender when called from inside an actor, otherwise with no sender.</summary>
    public static void Tell(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.CurrentSelfOrNoSender);

    /// <summary>Passes a message on keeping the original sender of the message being processed.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor.");
        receiver.Tell(message, cell.Sender);
    }

    /// <summary>True when the reference points at an actor of this process that has terminated.</summary>
    public static bool IsKnownTerminated(this IActorRef actor) =>
        actor is Internal.IInternalActorRef internalRef && internalRef.IsTerminated;
}
