namespace MachineActors.Actors.Dispatch;

/// <summary>A queued user message. After dequeue the node stays behind as the queue's stub, emptied.</summary>
internal sealed class EnvelopeNode
{
    internal EnvelopeNode? Next;
    internal object? Message;
    internal IActorRef? Sender;
}
