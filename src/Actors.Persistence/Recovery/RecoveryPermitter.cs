namespace MachineActors.Actors.Persistence;

/// <summary>
/// Bounds how many persistent actors of a system recover at once (Akka's <c>max-concurrent-recoveries</c>): each
/// recovery loads a snapshot and replays events over one store connection, so a burst of recoveries (a node taking
/// over many machines) would otherwise open as many connections as actors. Permits go out in request order; an actor
/// that stops while holding or awaiting one (watched) gives it back.
/// </summary>
internal sealed class RecoveryPermitter : ReceiveActor
{
    private readonly int _maxPermits;
    private readonly HashSet<IActorRef> _holders = [];
    private readonly LinkedList<IActorRef> _waiting = new();

    // The waiting actors' places in the queue: a node starting 100,000 of them looks each up in O(1).
    private readonly Dictionary<IActorRef, LinkedListNode<IActorRef>> _places = [];

    public RecoveryPermitter(int maxPermits)
    {
        _maxPermits = maxPermits;
        Receive<RequestRecoveryPermit>(_ => Request(Sender));
        Receive<ReturnRecoveryPermit>(_ => Return(Sender));
        Receive<Terminated>(terminated =>
        {
            if (_places.Remove(terminated.ActorRef, out var place))
            {
                _waiting.Remove(place);
            }
            Return(terminated.ActorRef);
        });
    }

    private void Request(IActorRef requester)
    {
        if (_holders.Contains(requester))
        {
            // A restarted incarnation asks again while its predecessor's permit is still out: it is the same permit.
            requester.Tell(RecoveryPermitGranted.Instance, Self);
            return;
        }
        if (_places.ContainsKey(requester))
        {
            return;
        }
        Context.Watch(requester);
        if (_holders.Count < _maxPermits)
        {
            Grant(requester);
        }
        else
        {
            _places[requester] = _waiting.AddLast(requester);
        }
    }

    private void Return(IActorRef holder)
    {
        if (!_holders.Remove(holder))
        {
            return;
        }
        Context.Unwatch(holder);
        while (_holders.Count < _maxPermits && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            _places.Remove(next.Value);
            Grant(next.Value);
        }
    }

    private void Grant(IActorRef requester)
    {
        _holders.Add(requester);
        requester.Tell(RecoveryPermitGranted.Instance, Self);
    }
}
