namespace MachineActors.Registry.Actors;

/// <summary>A driver call threw or timed out; <see cref="Exception.Message"/> is what the machine's error shows.</summary>
internal sealed class DriverCallException(string call, string message, Exception? innerException) : Exception(message, innerException)
{
    public string Call { get; } = call;
}
