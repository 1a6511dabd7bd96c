namespace MachineActors.Actors;

/// <summary>Messages the runtime handles for every actor before its own receive sees them.</summary>
public interface IAutoReceivedMessage;

/// <summary>Messages that do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Stops the actor after the messages queued before it have been processed.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (the default decider stops it).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}

/// <summary>Every actor answers with <see cref="ActorIdentity"/> carrying its reference.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;

public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>Delivered once to each watcher when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated) : IAutoReceivedMessage;

/// <summary>Delivered when no message arrived within the period set by SetReceiveTimeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }
}
