namespace MachineActors.Machines.Printing;

/// <summary>
/// Where a driver reports how a job advances; the registry implements it (persisting what it needs) and passes it to
/// <see cref="LabelPrinterDriver.PrintLabels"/>. Calls come from the job's own flow, one at a time.
/// </summary>
public interface IPrintProgress
{
    /// <summary>Reports nothing.</summary>
    static IPrintProgress None { get; } = new NullPrintProgress();

    /// <summary>The label at <paramref name="labelIndex"/> (all its copies) reached the printer and, where the driver can tell, was printed.</summary>
    void LabelPrinted(int labelIndex);

    /// <summary>How far the job is, 0 to 100; never decreases within a job.</summary>
    void Report(int percent);
}
