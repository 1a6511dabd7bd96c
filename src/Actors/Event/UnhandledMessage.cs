namespace MachineActors.Actors.Event;

/// <summary>A message an actor's receive did not match.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
