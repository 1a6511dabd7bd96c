using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Registry;
using MachineActors.Registry.Printing;

namespace MachineActors.Host.Events;

/// <summary>
/// On a station, sends every machine and job event of this node to the <see cref="ClusterEventSink"/> of each
/// front-end that is up, so the front-end's dashboard follows machines wherever they run. At most once: a front-end
/// that is unreachable for a moment misses those events, and the next state change brings it up to date.
/// </summary>
internal sealed class ClusterEventRelay : ReceiveActor
{
    public const string Name = "cluster-event-relay";

    /// <summary>The events that cross to front-ends (each registered for remoting by the registry).</summary>
    public static readonly IReadOnlySet<Type> Forwarded = new HashSet<Type>
    {
        typeof(MachineStateChangedEvent),
        typeof(PrintJobUpdated),
        typeof(MachineFailed),
    };

    private readonly Dictionary<string, IActorRef> _frontends = new(StringComparer.Ordinal);
    private readonly ClusterNode _cluster;

    public ClusterEventRelay(ClusterNode cluster)
    {
        _cluster = cluster;
        Receive<CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up))
            {
                Add(cluster, member);
            }
        });
        Receive<MemberUp>(up => Add(cluster, up.Member));
        Receive<MemberRemoved>(removed => _frontends.Remove(removed.Member.NodeName));
        Receive<MemberEvent>(_ => { });
        ReceiveAny(message =>
        {
            if (Forwarded.Contains(message.GetType()))
            {
                foreach (var frontend in _frontends.Values)
                {
                    frontend.Tell(message, ActorRefs.NoSender);
                }
            }
        });
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<MemberEvent>(Self);
        foreach (var type in Forwarded)
        {
            Context.System.EventStream.Subscribe(Self, type);
        }
        // The members already up; later ones arrive as MemberUp.
        _cluster.Membership.Tell(GetClusterState.Instance, Self);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Add(ClusterNode cluster, Member member)
    {
        if (member.HasRole(NodeOptions.FrontendRole) && member.NodeName != cluster.Options.NodeName && Address.TryParse(member.Address, out var address))
        {
            _frontends[member.NodeName] = cluster.Transport.ActorRefFor(address, "/user/" + ClusterEventSink.Name);
        }
    }
}
