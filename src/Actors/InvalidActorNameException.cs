namespace MachineActors.Actors;

public sealed class InvalidActorNameException(string message) : Exception(message);
