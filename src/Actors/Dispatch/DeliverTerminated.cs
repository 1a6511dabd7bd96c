namespace MachineActors.Actors.Dispatch;

/// <summary>
/// Queued behind the dead actor's last messages when its DeathWatchNotification arrives; delivered
/// only if the watch still stands when it is dequeued (so Unwatch in between suppresses it).
/// </summary>
internal sealed record DeliverTerminated(IActorRef Actor, object Message);
