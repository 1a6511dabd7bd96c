using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter;

/// <summary>
/// The base driver of the <c>label-printer</c> machine type (InvenTree's <c>LabelPrinterBaseDriver</c>). A driver
/// overrides <see cref="PrintLabel"/>, <see cref="PrintLabels"/> or both, and may declare <see cref="ExtraPrintOptions"/>.
/// <para>Who sets the status: the registry sets PRINTING before it calls <see cref="PrintLabels"/>. The driver leaves the
/// machine in the status that describes the printer afterwards: on success the built-in drivers set CONNECTED (or what
/// the printer reports); on failure they set the status that explains it (NO_MEDIA, PAPER_JAM, DISCONNECTED, ERROR)
/// and throw <see cref="PrintFailedException"/>. A driver that does neither leaves PRINTING, which the registry then
/// replaces: CONNECTED after success, its error status after a failure.</para>
/// </summary>
[RequiresOverrideOfOneOf(nameof(PrintLabel), nameof(PrintLabels))]
public abstract class LabelPrinterDriver : Driver, IPrintingDriver
{
    /// <inheritdoc />
    public sealed override string MachineTypeSlug => LabelPrinterMachineType.TypeSlug;

    /// <summary>Printing options this driver adds to the built-in <c>copies</c>.</summary>
    public virtual IReadOnlyList<PrintOptionDefinition> ExtraPrintOptions => [];

    /// <summary><c>copies</c> followed by <see cref="ExtraPrintOptions"/>: what a print request may give.</summary>
    public IReadOnlyList<PrintOptionDefinition> AllPrintOptions => [BuiltInPrintOptions.Copies, .. ExtraPrintOptions];

    /// <summary>Parses the options of a print request for this driver; see <see cref="PrintOptions.Parse"/>.</summary>
    public PrintOptionsParseResult ParsePrintOptions(IReadOnlyDictionary<string, object?>? raw) =>
        PrintOptions.Parse(raw, ExtraPrintOptions);

    /// <summary>
    /// Prints the label at <paramref name="labelIndex"/> of <paramref name="job"/>, <c>job.Options.Copies</c> times, and
    /// returns once the printer has it (or printed it, where the driver can tell). Throws
    /// <see cref="PrintFailedException"/> when the printer cannot print it.
    /// </summary>
    public virtual Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken) =>
        Task.FromException(new NotSupportedException($"{GetType().Name} prints whole jobs only; call {nameof(PrintLabels)}."));

    /// <summary>
    /// Prints every label of <paramref name="job"/> in order, reporting each printed label and the progress to
    /// <paramref name="progress"/>. The default calls <see cref="PrintLabel"/> per label and stops at the first failure,
    /// so labels reported as printed before a failure stay printed. Cancellation is checked between labels.
    /// </summary>
    public virtual async Task PrintLabels(IMachine machine, PrintJob job, IPrintProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        var count = job.Labels.Count;
        for (var index = 0; index < count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await PrintLabel(machine, job, index, cancellationToken).ConfigureAwait(false);
            progress.LabelPrinted(index);
            progress.Report((index + 1) * 100 / count);
        }
    }
}
