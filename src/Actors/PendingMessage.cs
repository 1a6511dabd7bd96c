namespace MachineActors.Actors;

/// <summary>A message with its sender, held outside the queue (stash, messages put back in front).</summary>
public readonly record struct PendingMessage(object Message, IActorRef? Sender);
