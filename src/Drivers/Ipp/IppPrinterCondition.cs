namespace MachineActors.Drivers.Ipp;

/// <summary>A neutral summary of an IPP printer's state, for a driver to map to its own status codes.</summary>
public enum IppPrinterCondition
{
    /// <summary>The printer state is not known (no or unrecognised printer-state, no telling reasons).</summary>
    Unknown,

    /// <summary>Idle and nothing wrong.</summary>
    Ready,

    /// <summary>Processing a job, nothing wrong.</summary>
    Printing,

    /// <summary>The printer works but reports something that needs attention (low supplies, paused, ...).</summary>
    Warning,

    /// <summary>Out of media (media-empty, media-needed).</summary>
    NoMedia,

    /// <summary>Media jam.</summary>
    PaperJam,

    /// <summary>The printer cannot print (stopped, cover open, any -error reason).</summary>
    Error,
}
