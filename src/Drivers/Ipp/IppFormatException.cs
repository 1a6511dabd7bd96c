namespace MachineActors.Drivers.Ipp;

/// <summary>Bytes that are not a well-formed IPP message. The only exception the decoder throws.</summary>
public sealed class IppFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public IppFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that revealed the problem.</summary>
    public IppFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
