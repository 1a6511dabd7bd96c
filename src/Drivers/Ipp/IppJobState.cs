namespace MachineActors.Drivers.Ipp;

/// <summary>Values of job-state (RFC 8011 section 5.3.7).</summary>
public enum IppJobState
{
    /// <summary>pending.</summary>
    Pending = 3,

    /// <summary>pending-held.</summary>
    PendingHeld = 4,

    /// <summary>processing.</summary>
    Processing = 5,

    /// <summary>processing-stopped.</summary>
    ProcessingStopped = 6,

    /// <summary>canceled.</summary>
    Canceled = 7,

    /// <summary>aborted.</summary>
    Aborted = 8,

    /// <summary>completed.</summary>
    Completed = 9,
}
