using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>A valid driver whose InitMachine always throws.</summary>
public sealed class TestPrinterInitErrorDriver : TestPrinterDriverBase
{
    public const string Failure = "The printer did not answer";

    public override string Slug => "test-printer-init-error";

    public override string Name => "Test printer init error";

    public override string Description => "Throws in InitMachine";

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;
}
