using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;

namespace MachineActors.Host;

/// <summary>Runs <c>onDowned</c> once when membership reports this node down.</summary>
internal sealed class SelfDownedWatcher : ReceiveActor
{
    public SelfDownedWatcher(Action onDowned)
    {
        var done = false;
        Receive<SelfDowned>(_ =>
        {
            if (!done)
            {
                done = true;
                onDowned();
            }
        });
    }
}
