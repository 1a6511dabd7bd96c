namespace MachineActors.Drivers.Ipp;

/// <summary>The outcome of <see cref="PrinterStateMapper"/>: a condition, a readable text and the parsed reasons.</summary>
public sealed record IppPrinterStatus(IppPrinterCondition Condition, string Text, IReadOnlyList<IppStateReason> Reasons);
