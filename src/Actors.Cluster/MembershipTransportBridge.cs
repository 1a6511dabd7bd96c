using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Actors.Cluster;

/// <summary>
/// Tells the transport what membership learns: a member that comes up is connected to (the lower address
/// dials), and a member that is removed (down, left, or replaced by a restart) has its actors' watches terminated.
/// </summary>
internal sealed class MembershipTransportBridge : ReceiveActor
{
    private readonly RemoteTransport _transport;

    public MembershipTransportBridge(RemoteTransport transport)
    {
        _transport = transport;
        Receive<MemberUp>(up => WithAddress(up.Member, _transport.Associate));
        Receive<MemberRemoved>(removed => WithAddress(removed.Member, _transport.AddressTerminated));
        Receive<MemberEvent>(_ => { });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe<MemberEvent>(Self);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void WithAddress(Member member, Action<Address> action)
    {
        if (Address.TryParse(member.Address, out var address) && address != _transport.Address)
        {
            action(address);
        }
    }
}
