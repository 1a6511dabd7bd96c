using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Event;

namespace MachineActors.Actors;

/// <summary>
/// Base of every actor. Instances are created only through <see cref="Props"/> by the runtime,
/// which processes one message at a time on the actor's mailbox.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new ActorInitializationException(null, $"{GetType().Name} must be created through Props and ActorOf, not with 'new'.", null);
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed (kept across awaits in async handlers).</summary>
    protected IActorRef Sender => _cell.Sender;

    internal SupervisorStrategy SupervisorStrategyInternal => SupervisorStrategy();

    internal ActorCell Cell => _cell;

    /// <summary>Handles a message; returns false when it does not match (then <see cref="Unhandled"/> runs).</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Akka's default: stop (and unwatch) every child, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Akka's default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; the default is <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>An unhandled <see cref="Terminated"/> fails the actor with <see cref="DeathPactException"/>; anything else is published.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>Runs an async step; the actor takes no other message until it completes.</summary>
    protected void RunTask(Func<Task> action) => _cell.RunTask(action);

    /// <summary>
    /// For an async step the actor has already started (by calling one of its own async methods): the actor takes
    /// no other message, user or system, until <paramref name="task"/> completes, and a fault fails the actor, as
    /// with <see cref="RunTask"/>. Unlike <see cref="RunTask"/>, the actor is not the ambient context of the task's
    /// continuations (an implicit sender there is no sender), and a task that has already completed costs nothing.
    /// </summary>
    protected void SuspendUntilCompleted(Task task) => _cell.SuspendUntilCompleted(task);

    internal void OnConstructed(ActorCell cell)
    {
        if (this is IWithStash withStash)
        {
            withStash.Stash = new UnboundedStash(cell);
        }
        if (this is IWithTimers withTimers)
        {
            withTimers.Timers = new TimerScheduler(cell);
        }
        OnConstructionCompleted();
    }

    private protected virtual void OnConstructionCompleted()
    {
    }

    /// <summary>Runtime hook around every message; base classes such as PersistentActor route messages here.</summary>
    protected internal virtual void AroundReceive(object message)
    {
        if (!Receive(message))
        {
            Unhandled(message);
        }
    }

    protected internal virtual void AroundPreStart() => PreStart();

    protected internal virtual void AroundPostStop()
    {
        ReleaseStashAndTimers();
        PostStop();
    }

    protected internal virtual void AroundPreRestart(Exception reason, object? message)
    {
        ReleaseStashAndTimers();
        PreRestart(reason, message);
    }

    protected internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    // Stashed messages go back to the mailbox (the next incarnation gets them, or dead letters on stop).
    private void ReleaseStashAndTimers()
    {
        (this as IWithTimers)?.Timers?.CancelAll();
        (this as IWithStash)?.Stash?.UnstashAll();
    }
}
