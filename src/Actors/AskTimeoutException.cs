namespace MachineActors.Actors;

/// <summary>An Ask got no reply within its timeout, or its recipient was already terminated.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
