namespace MachineActors.Drivers.Zpl;

/// <summary>
/// The printer accepted the connection but did not answer in time. A Zebra sends no reply while
/// it is faulted, so this means "printer in error", not "printer offline".
/// </summary>
public sealed class ZebraTimeoutException : ZebraException
{
    /// <summary>Creates the exception.</summary>
    public ZebraTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
