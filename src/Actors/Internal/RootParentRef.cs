using MachineActors.Actors.Event;

namespace MachineActors.Actors.Internal;

/// <summary>Stands above the root guardian: it learns that the root stopped (the system is terminated) or failed.</summary>
internal sealed class RootParentRef(ActorPath path, Action onRootTerminated, Action<Exception> onRootFailed) : MinimalActorRef(path)
{
    public override void Tell(object message, IActorRef? sender)
    {
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification:
                onRootTerminated();
                break;
            case Failed failed:
                onRootFailed(failed.Cause);
                ((IInternalActorRef)failed.Child).SendSystemMessage(new Terminate());
                break;
        }
    }
}
