namespace MachineActors.Actors;

public sealed class ActorNotFoundException(string message) : Exception(message);
