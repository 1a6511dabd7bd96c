using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>A printer that needs no hardware: it connects at once and prints nowhere (the benchmark's driver).</summary>
public sealed class VirtualTestPrinterDriver : TestPrinterDriverBase
{
    public override string Slug => "test-printer-virtual";

    public override string Name => "Virtual test printer";

    public override string Description => "Prints nowhere, instantly";

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        machine.SetStatus(TestPrinterStatuses.Connected);
        return Task.CompletedTask;
    }

    public override Task PrintLabels(IMachine machine, IReadOnlyList<string> labels, CancellationToken cancellationToken) => Task.CompletedTask;
}
