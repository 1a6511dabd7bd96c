using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// A reference to an actor on another node. Tell, Ask and Watch work as they do locally: messages travel
/// over the node pair's WebSocket (at most once, in order per sender and recipient), a watch is registered
/// on the remote node, and a <see cref="Terminated"/> arrives when the actor stops or its node is declared down.
/// </summary>
internal sealed class RemoteActorRef : IRemoteActorRef
{
    private readonly RemoteTransport _transport;
    private Association? _association;

    public RemoteActorRef(RemoteTransport transport, ActorPath path)
    {
        _transport = transport;
        Path = path;
        RecipientText = WirePath.Local(path);
        FullText = WirePath.Full(path);
    }

    public ActorPath Path { get; }

    /// <summary>The path as the remote node reads it: without the address.</summary>
    public string RecipientText { get; }

    public string FullText { get; }

    public ActorSystem LocalSystem => _transport.System;

    public bool IsTerminated => false;

    private Association Association => _association ??= _transport.AssociationFor(Path.Address);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _transport.Send(Association, Outbound.User(this, message, sender));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                _transport.Watches.Add(this, watch.Watcher);
                _transport.Send(Association, Outbound.Watch(this, watch.Watcher));
                break;
            case Unwatch unwatch:
                _transport.Watches.Remove(this, unwatch.Watcher);
                _transport.Send(Association, Outbound.Unwatch(this, unwatch.Watcher));
                break;
            case DeathWatchNotification notification:
                // This reference is a remote watcher of a local actor that has stopped.
                _transport.Send(Association, Outbound.Terminated(this, notification.Actor, notification.ExistenceConfirmed));
                break;
            case Terminate:
                Tell(PoisonPill.Instance, null);
                break;
        }
    }

    public bool Equals(IActorRef? other) => ActorRefEquality.Equals(this, other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => ActorRefEquality.GetHashCode(this);

    public override string ToString() => $"[{Path}#{Path.Uid}]";
}
