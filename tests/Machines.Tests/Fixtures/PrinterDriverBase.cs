namespace MachineActors.Machines.Tests.Fixtures;

/// <summary>The base driver of <see cref="PrinterMachineType"/>: a driver must print one label or a batch.</summary>
[RequiresOverrideOfOneOf(nameof(PrintLabel), nameof(PrintLabels))]
public abstract class PrinterDriverBase : Driver
{
    public sealed override string MachineTypeSlug => PrinterMachineType.TypeSlug;

    public virtual Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual async Task PrintLabels(IMachine machine, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        foreach (var label in labels)
        {
            await PrintLabel(machine, label, cancellationToken);
        }
    }
}
