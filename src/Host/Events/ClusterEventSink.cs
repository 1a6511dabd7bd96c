using MachineActors.Actors;

namespace MachineActors.Host.Events;

/// <summary>
/// On a front-end, <c>/user/cluster-events</c>: the machine and job events stations send are published on this
/// node's event stream, where the server-sent event feed picks them up as if the machines ran here.
/// </summary>
internal sealed class ClusterEventSink : ReceiveActor
{
    public const string Name = "cluster-events";

    public ClusterEventSink() => ReceiveAny(message =>
    {
        if (ClusterEventRelay.Forwarded.Contains(message.GetType()))
        {
            Context.System.EventStream.Publish(message);
        }
    });
}
