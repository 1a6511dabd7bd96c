using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>The base driver of <see cref="TestPrinterMachineType"/>: a driver must print one label or a batch.</summary>
[RequiresOverrideOfOneOf(nameof(PrintLabel), nameof(PrintLabels))]
public abstract class TestPrinterDriverBase : Driver
{
    public sealed override string MachineTypeSlug => TestPrinterMachineType.TypeSlug;

    public virtual Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} prints batches only.");

    public virtual async Task PrintLabels(IMachine machine, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        foreach (var label in labels)
        {
            await PrintLabel(machine, label, cancellationToken);
        }
    }
}
