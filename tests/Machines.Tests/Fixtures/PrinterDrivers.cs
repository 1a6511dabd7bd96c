namespace MachineActors.Machines.Tests.Fixtures;

/// <summary>A driver base for tests: slugs and names from the class, overridable per test.</summary>
internal abstract class NamedPrinterDriver : PrinterDriverBase
{
    public override string Slug => GetType().Name.ToLowerInvariant();

    public override string Name => GetType().Name;

    public override string Description => $"{GetType().Name} for tests";
}

/// <summary>Satisfies the required override with PrintLabel.</summary>
internal sealed class SingleLabelDriver : NamedPrinterDriver
{
    public List<string> Printed { get; } = [];

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken)
    {
        Printed.Add(label);
        return Task.CompletedTask;
    }
}

/// <summary>Satisfies the required override with PrintLabels.</summary>
internal sealed class BatchDriver : NamedPrinterDriver
{
    public override Task PrintLabels(IMachine machine, IReadOnlyList<string> labels, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>Overrides neither PrintLabel nor PrintLabels.</summary>
internal sealed class LazyDriver : NamedPrinterDriver
{
}

/// <summary>An intermediate class that satisfies the required override for its subclasses.</summary>
internal abstract class ZebraFamilyDriver : NamedPrinterDriver
{
    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>Satisfies the required override through <see cref="ZebraFamilyDriver"/>.</summary>
internal sealed class ZebraDriver : ZebraFamilyDriver
{
}

/// <summary>Hides PrintLabel with <c>new</c> instead of overriding it: virtual calls never reach it.</summary>
internal sealed class HidingDriver : NamedPrinterDriver
{
    public new Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>Claims the printer machine type without deriving from its base driver.</summary>
internal sealed class ImpostorDriver : Driver
{
    public override string Slug => "impostor";

    public override string Name => "Impostor";

    public override string Description => "Not a printer driver";

    public override string MachineTypeSlug => PrinterMachineType.TypeSlug;
}
