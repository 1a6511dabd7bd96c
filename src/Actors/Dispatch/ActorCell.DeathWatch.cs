using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    private DeathWatchState DeathWatch => Rare.DeathWatch ??= new DeathWatchState();

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target)
        {
            throw new ArgumentException($"{subject} cannot be watched.", nameof(subject));
        }
        if (subject.Equals(_self))
        {
            return subject;
        }
        var watching = DeathWatch.Watching ??= [];
        var alreadyWatching = watching.ContainsKey(subject);
        watching[subject] = message;
        if (!alreadyWatching)
        {
            target.SendSystemMessage(new Internal.Watch(subject, _self));
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (_rare?.DeathWatch is { } state)
        {
            state.PendingTerminated?.Remove(subject);
            if (state.Watching?.Remove(subject) == true && subject is IInternalActorRef target)
            {
                target.SendSystemMessage(new Internal.Unwatch(subject, _self));
            }
        }
        return subject;
    }

    private void AddWatcher(IActorRef watchee, IActorRef watcher)
    {
        if (watchee.Equals(_self) && !watcher.Equals(_self))
        {
            (DeathWatch.WatchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(IActorRef watchee, IActorRef watcher)
    {
        if (watchee.Equals(_self))
        {
            _rare?.DeathWatch?.WatchedBy?.Remove(watcher);
        }
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        var wasChild = RemoveChild(actor);
        if (_rare?.DeathWatch?.Watching is { } watching && watching.Remove(actor, out var message) && !_isTerminating)
        {
            (DeathWatch.PendingTerminated ??= []).Add(actor);
            message ??= new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated);
            // Queued behind whatever the dead actor sent before it stopped.
            SendUser(new DeliverTerminated(actor, message), actor);
        }
        if (wasChild)
        {
            AfterChildTerminated();
        }
    }

    private void DeliverTerminatedIfStillWatched(DeliverTerminated terminated)
    {
        if (_rare?.DeathWatch?.PendingTerminated?.Remove(terminated.Actor) != true)
        {
            return;
        }
        _currentMessage = terminated.Message;
        _actor!.AroundReceive(terminated.Message);
    }

    private void NotifyWatchersAndUnwatchAll()
    {
        if (_rare?.DeathWatch is not { } state)
        {
            return;
        }
        if (state.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                // The parent is told separately, once.
                if (!watcher.Equals(_parent) && watcher is IInternalActorRef target)
                {
                    target.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true, addressTerminated: false));
                }
            }
        }
        if (state.Watching is { } watching)
        {
            foreach (var watchee in watching.Keys)
            {
                if (watchee is IInternalActorRef target)
                {
                    target.SendSystemMessage(new Internal.Unwatch(watchee, _self));
                }
            }
        }
        if (_rare is { } rare)
        {
            rare.DeathWatch = null;
        }
    }
}
