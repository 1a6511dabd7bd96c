namespace MachineActors.Machines.Printing;

/// <summary>The <see cref="IPrintProgress.None"/> sink.</summary>
internal sealed class NullPrintProgress : IPrintProgress
{
    public void LabelPrinted(int labelIndex)
    {
    }

    public void Report(int percent)
    {
    }
}
