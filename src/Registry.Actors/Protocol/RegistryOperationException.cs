namespace MachineActors.Registry;

/// <summary>The failure reply of a registry request (it faults the task of an Ask).</summary>
public sealed class RegistryOperationException : Exception
{
    public RegistryOperationException(RegistryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the request failed.</summary>
    public RegistryErrorKind Kind { get; }
}
