using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

// Declared in this order in one file so that the registry meets them in this order: the first driver of a slug
// wins and the second is a registry error, then the driver that overrides neither print method is one.

/// <summary>Registers under 'test-printer-error'.</summary>
internal sealed class TestPrinterErrorDriver1 : TestPrinterDriverBase
{
    public override string Slug => "test-printer-error";

    public override string Name => "Test printer error";

    public override string Description => "Shares its slug with TestPrinterErrorDriver2";

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Cannot register: 'test-printer-error' is taken by <see cref="TestPrinterErrorDriver1"/>.</summary>
internal sealed class TestPrinterErrorDriver2 : TestPrinterDriverBase
{
    public override string Slug => "test-printer-error";

    public override string Name => "Test printer error";

    public override string Description => "Shares its slug with TestPrinterErrorDriver1";

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Invalid: overrides neither PrintLabel nor PrintLabels.</summary>
internal sealed class TestPrinterNotImplementedDriver : TestPrinterDriverBase
{
    public override string Slug => "test-printer-not-implemented";

    public override string Name => "Test printer not implemented";

    public override string Description => "Overrides neither print method";
}
