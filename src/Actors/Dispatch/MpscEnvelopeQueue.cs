namespace MachineActors.Actors.Dispatch;

/// <summary>
/// Dmitry Vyukov's intrusive multi-producer single-consumer queue: producers swap the head with one
/// atomic exchange and then link the previous head; the single consumer walks from the stub.
/// It is lock-free for producers and wait-free for the consumer. A dequeue can transiently see an
/// empty queue while a producer is between its exchange and its link; callers rely on the producer
/// scheduling the mailbox after linking, so such a message is never stranded.
/// Embedded as a field (a mutable struct) to save an object per actor.
/// </summary>
internal struct MpscEnvelopeQueue
{
    private EnvelopeNode _head;
    private EnvelopeNode _tail;

    public MpscEnvelopeQueue()
    {
        _head = _tail = new EnvelopeNode();
    }

    /// <summary>Consumer only.</summary>
    public readonly bool HasMessages => Volatile.Read(ref _tail.Next) is not null;

    public void Enqueue(object message, IActorRef? sender)
    {
        var node = new EnvelopeNode { Message = message, Sender = sender };
        var previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        var next = Volatile.Read(ref _tail.Next);
        if (next is null)
        {
            message = null!;
            sender = null;
            return false;
        }
        message = next.Message!;
        sender = next.Sender;
        next.Message = null;
        next.Sender = null;
        _tail = next;
        return true;
    }
}
