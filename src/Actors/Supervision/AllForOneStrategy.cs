using MachineActors.Actors.Dispatch;

namespace MachineActors.Actors;

/// <summary>Applies the directive to every child of the supervisor when any one of them fails.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, IActorRef child, Exception cause)
    {
        var children = supervisor.ChildrenSnapshot();
        // As in Akka: restart only if every sibling is still allowed one (stops counting at the first refusal).
        var allowed = restart && children.All(sibling => RequestRestartPermission(supervisor, sibling));
        foreach (var sibling in children)
        {
            if (allowed)
            {
                supervisor.RestartChild(sibling, cause);
            }
            else
            {
                supervisor.Stop(sibling);
            }
        }
    }
}
