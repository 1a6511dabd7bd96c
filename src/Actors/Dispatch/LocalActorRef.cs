using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

/// <summary>A reference to an actor in this process; sending goes straight into its mailbox.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : IInternalActorRef
{
    public ActorCell Cell { get; } = cell;

    public ActorPath Path { get; } = path;

    public bool IsTerminated => Cell.IsClosed;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.SendUser(message, sender);
    }

    public void SendSystemMessage(SystemMessage message) => Cell.SendSystem(message);

    public bool Equals(IActorRef? other) => ActorRefEquality.Equals(this, other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => ActorRefEquality.GetHashCode(this);

    public override string ToString() => $"[{Path}#{Path.Uid}]";
}
