namespace MachineActors.Drivers.Ipp;

/// <summary>The severity suffix of a printer-state-reasons keyword (RFC 8011 section 5.4.12).</summary>
public enum IppReasonSeverity
{
    /// <summary>No suffix; RFC 8011 says to treat such a reason as an error.</summary>
    None,

    /// <summary>-report: informational only.</summary>
    Report,

    /// <summary>-warning: the printer keeps working.</summary>
    Warning,

    /// <summary>-error: the printer has stopped.</summary>
    Error,
}
