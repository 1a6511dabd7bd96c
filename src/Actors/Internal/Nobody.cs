namespace MachineActors.Actors.Internal;

/// <summary>The reference that points nowhere; always terminated.</summary>
public sealed class Nobody : MinimalActorRef
{
    public static readonly Nobody Instance = new();

    private Nobody()
        : base(ActorPath.Root(new Address("nobody")).Child("nobody"))
    {
    }

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
    }
}
