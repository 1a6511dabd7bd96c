namespace MachineActors.Machines.Printing;

/// <summary>
/// A driver that prints labels. The registry runs print jobs through it: one job at a time per machine, with the
/// machine's status PRINTING meanwhile. A <see cref="PrintFailedException"/> fails the job; if it says the labels
/// may have printed, the job is reported interrupted rather than retried.
/// </summary>
public interface IPrintingDriver
{
    /// <summary>Every print option the driver accepts, <c>copies</c> first.</summary>
    IReadOnlyList<PrintOptionDefinition> AllPrintOptions { get; }

    PrintOptionsParseResult ParsePrintOptions(IReadOnlyDictionary<string, object?>? raw);

    Task PrintLabels(IMachine machine, PrintJob job, IPrintProgress progress, CancellationToken cancellationToken);
}
