namespace MachineActors.Actors;

/// <summary>Raised by <see cref="Kill"/>; the default decider stops the actor.</summary>
public sealed class ActorKilledException(string message) : Exception(message);
