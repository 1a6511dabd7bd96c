namespace MachineActors.Drivers.Zpl;

/// <summary>The printer could not be reached, refused the connection, or dropped it mid-exchange.</summary>
public sealed class ZebraConnectionException : ZebraException
{
    /// <summary>Creates the exception.</summary>
    public ZebraConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
