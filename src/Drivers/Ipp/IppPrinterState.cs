namespace MachineActors.Drivers.Ipp;

/// <summary>Values of printer-state (RFC 8011 section 5.4.11).</summary>
public enum IppPrinterState
{
    /// <summary>idle.</summary>
    Idle = 3,

    /// <summary>processing.</summary>
    Processing = 4,

    /// <summary>stopped.</summary>
    Stopped = 5,
}
