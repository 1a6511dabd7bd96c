namespace MachineActors.Actors.Internal;

/// <summary>
/// Lifecycle, supervision and DeathWatch signals. They travel in a separate inbox that the
/// mailbox always drains before the next user message. Each instance is sent to one recipient once:
/// <see cref="Next"/> links it into that recipient's lock-free inbox.
/// </summary>
public abstract class SystemMessage
{
    internal SystemMessage? Next;
}

/// <summary>Stops the actor: children first, then PostStop, then watchers are notified.</summary>
public sealed class Terminate : SystemMessage;

/// <summary>The supervisor's Restart directive.</summary>
public sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>The supervisor's Resume directive: keep the instance and go on with the next message.</summary>
public sealed class Resume : SystemMessage;

/// <summary>A child reports that it failed and is suspended until its supervisor decides.</summary>
public sealed class Failed(IActorRef child, Exception cause) : SystemMessage
{
    public IActorRef Child { get; } = child;

    public Exception Cause { get; } = cause;
}

public sealed class Watch(IActorRef watchee, IActorRef watcher) : SystemMessage
{
    public IActorRef Watchee { get; } = watchee;

    public IActorRef Watcher { get; } = watcher;
}

public sealed class Unwatch(IActorRef watchee, IActorRef watcher) : SystemMessage
{
    public IActorRef Watchee { get; } = watchee;

    public IActorRef Watcher { get; } = watcher;
}

/// <summary>Sent by a terminated actor to its parent and to every watcher, exactly once each.</summary>
public sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;

    public bool AddressTerminated { get; } = addressTerminated;
}
