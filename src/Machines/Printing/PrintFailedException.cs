namespace MachineActors.Machines.Printing;

/// <summary>
/// A label printer driver could not print a job. Before throwing, the driver sets the machine status that explains why
/// when it knows (NO_MEDIA, PAPER_JAM, DISCONNECTED, ERROR). Any other exception from a driver is a bug or an
/// unexpected failure, not a printer condition.
/// </summary>
public sealed class PrintFailedException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public PrintFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The zero-based index of the label that failed, when the failure belongs to one label.</summary>
    public int? LabelIndex { get; init; }

    /// <summary>
    /// True when the failure came after the label may have reached the printer (the answer to a sent label was lost),
    /// so printing it again could print it twice; false when the label certainly did not print.
    /// </summary>
    public bool MayHavePrinted { get; init; }
}
