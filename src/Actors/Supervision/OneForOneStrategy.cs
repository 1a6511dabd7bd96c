using MachineActors.Actors.Dispatch;

namespace MachineActors.Actors;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause)
    {
        if (restart && RequestRestartPermission(supervisor, child))
        {
            supervisor.RestartChild(child, cause);
        }
        else
        {
            supervisor.Stop(child);
        }
    }
}
