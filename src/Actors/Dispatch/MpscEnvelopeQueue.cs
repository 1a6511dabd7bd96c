namespace MachineActors.Actors.Dispatch;

/// <summary>
/// Dmitry Vyukov's intrusive multi-producer single-consumer queue: producers swap the head with one
/// atomic exchange and then link the previous head; the single consumer walks from the stub.
/// It is lock-free for producers and wait-free for the consumer. A dequeue can transiently see an
/// empty queue while a producer is between its exchange and its link; callers rely on the producer
/// scheduling the mailbox after linking, so such a message is never stranded.
/// Embedded as a field (a mutable struct) to save an object per actor; the stub is created with the
/// first message, so an actor that never gets one costs no node either.
/// </summary>
internal struct MpscEnvelopeQueue
{
    // Null until the first enqueue, never null again.
    private EnvelopeNode? _head;

    // The stub: null until the producer of the first message publishes it (once), then the consumer's.
    private EnvelopeNode? _tail;

    /// <summary>
    /// Consumer only: whether a message is queued or a producer has swapped the head in and not linked it yet. A
    /// producer's exchange is visible before its link, so this sees a message from the moment its exchange is; the
    /// mailbox relies on that in place of a fence between the producer's link and its read of the mailbox's state.
    /// </summary>
    public bool HasMessagesOrEnqueueing
    {
        get
        {
            var head = Volatile.Read(ref _head);
            return head is not null && !ReferenceEquals(head, Volatile.Read(ref _tail));
        }
    }

    public void Enqueue(object message, IActorRef? sender)
    {
        var node = new EnvelopeNode { Message = message, Sender = sender };
        var previous = Interlocked.Exchange(ref _head, node);
        if (previous is null)
        {
            // The first message: publish a stub that leads to it. Messages enqueued meanwhile are linked behind
            // it already; the consumer sees none of them before the stub, and this producer schedules the mailbox.
            Volatile.Write(ref _tail, new EnvelopeNode { Next = node });
            return;
        }
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        var next = Volatile.Read(ref _tail) is { } tail ? Volatile.Read(ref tail.Next) : null;
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
