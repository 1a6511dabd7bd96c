namespace MachineActors.Actors.Internal;

/// <summary>
/// A reference that is not backed by a mailbox: it handles each message on the caller's thread.
/// Used for dead letters, ask promises, test probes and loggers. Subclasses must be thread-safe.
/// </summary>
public abstract class MinimalActorRef : IInternalActorRef
{
    protected MinimalActorRef(ActorPath path) => Path = path;

    public ActorPath Path { get; }

    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);

    /// <summary>By default only answers a Watch: a minimal ref that is terminated tells the watcher at once.</summary>
    public virtual void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && IsTerminated && watch.Watcher is IInternalActorRef watcher)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true, addressTerminated: false));
        }
    }

    public bool Equals(IActorRef? other) => ActorRefEquality.Equals(this, other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => ActorRefEquality.GetHashCode(this);

    public override string ToString() => $"[{Path}#{Path.Uid}]";
}
