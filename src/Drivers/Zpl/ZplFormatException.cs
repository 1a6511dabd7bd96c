namespace MachineActors.Drivers.Zpl;

/// <summary>A printer response that is not a well-formed ~HQES or ~HS answer. The only exception the parser throws.</summary>
public sealed class ZplFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ZplFormatException(string message)
        : base(message)
    {
    }
}
