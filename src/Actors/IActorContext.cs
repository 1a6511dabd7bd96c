namespace MachineActors.Actors;

/// <summary>The actor's view of itself and its surroundings; valid only on the actor's own mailbox.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed, or dead letters when it had none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    IReadOnlyCollection<IActorRef> Children { get; }

    ActorSystem System { get; }

    Props Props { get; }

    TimeSpan? ReceiveTimeout { get; }

    IActorRef? Child(string name);

    /// <summary>
    /// Makes room for <paramref name="additional"/> more children at once, for a parent about to create many: its
    /// table of children then does not grow (and copy itself) step by step.
    /// </summary>
    void ReserveChildren(int additional);

    /// <summary>Stops a child or this actor after the current message; the target's children stop first.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers exactly one <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/> but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; no <see cref="Terminated"/> for <paramref name="subject"/> arrives after this call.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Delivers <see cref="Actors.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
