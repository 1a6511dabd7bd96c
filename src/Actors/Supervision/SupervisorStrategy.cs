using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Event;

namespace MachineActors.Actors;

/// <summary>
/// Decides what happens to a failed child. <see cref="MaxNumberOfRetries"/> and
/// <see cref="WithinTimeRange"/> follow Akka: -1 = unlimited, 0 = never restart; past the limit
/// the child is stopped instead of restarted.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>OneForOne, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(static _ => Directive.Stop);

    private readonly Func<Exception, Directive> _decider;

    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        LoggingEnabled = loggingEnabled;
        _decider = decider;
    }

    public int MaxNumberOfRetries { get; }

    public TimeSpan? WithinTimeRange { get; }

    /// <summary>When true, Restart and Stop decisions are published as <see cref="Error"/> events, Resume as <see cref="Warning"/>.</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Akka's default: stop on initialization, kill and death-pact failures, restart on anything else.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Runs the decider; an exception thrown here fails the supervisor itself.</summary>
    public Directive Decide(Exception cause) => _decider(cause);

    /// <summary>Applies <paramref name="directive"/>; returns false when the failure must be escalated.</summary>
    internal bool HandleFailure(ActorCell supervisor, IActorRef child, Exception cause, Directive directive)
    {
        switch (directive)
        {
            case Directive.Resume:
                LogFailure(supervisor, child, cause, directive);
                supervisor.ResumeChild(child);
                return true;
            case Directive.Restart:
                LogFailure(supervisor, child, cause, directive);
                ProcessFailure(supervisor, restart: true, child, cause);
                return true;
            case Directive.Stop:
                LogFailure(supervisor, child, cause, directive);
                ProcessFailure(supervisor, restart: false, child, cause);
                return true;
            default:
                return false;
        }
    }

    private protected abstract void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause);

    private protected bool RequestRestartPermission(ActorCell supervisor, IActorRef child) =>
        supervisor.RestartStatsFor(child).RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, supervisor.System.TimeProvider.GetUtcNow());

    private void LogFailure(ActorCell supervisor, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled)
        {
            return;
        }
        var text = $"{cause.GetType().Name}: {cause.Message} (child {child.Path}, directive {directive})";
        var source = child.Path.ToString();
        LogEvent logEvent = directive == Directive.Resume
            ? new Warning(source, supervisor.Props.ActorType, text, cause)
            : new Error(cause, source, supervisor.Props.ActorType, text);
        supervisor.System.EventStream.Publish(logEvent);
    }
}
