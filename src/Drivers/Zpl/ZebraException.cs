namespace MachineActors.Drivers.Zpl;

/// <summary>Base of the failures talking to a Zebra printer over raw TCP.</summary>
public abstract class ZebraException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ZebraException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
