namespace MachineActors.Actors;

public static class ActorRefs
{
    /// <summary>Use as the sender when a message has no meaningful reply address.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A reference that points nowhere: messages to it are dropped.</summary>
    public static readonly IActorRef Nobody = Internal.Nobody.Instance;
}
