namespace MachineActors.Drivers.Ipp;

/// <summary>The printer did not answer an operation within the configured timeout.</summary>
public sealed class IppTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public IppTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
