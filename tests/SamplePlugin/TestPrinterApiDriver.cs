using MachineActors.Machines;

namespace MachineActors.SamplePlugin;

/// <summary>A valid driver with a driver setting, a restart hook and a custom function (InvenTree's TestingLabelPrinterDriver).</summary>
public sealed class TestPrinterApiDriver : TestPrinterDriverBase
{
    public override string Slug => "test-printer-api";

    public override string Name => "Test printer API";

    public override string Description => "A test printer driver for the registry tests";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "TEST_SETTING", Name = "Test setting", Description = "A setting of the driver" },
        // Protected: an empty (not null) default, and a typed value whose parse errors must not repeat it.
        new SettingDefinition { Key = "API_KEY", Name = "API key", Description = "A secret of the driver", Protected = true, Default = "" },
        new SettingDefinition { Key = "PIN", Name = "PIN", Description = "A numeric secret of the driver", Protected = true, Type = SettingType.Int },
    ];

    public override Task RestartMachine(IMachine machine, CancellationToken cancellationToken)
    {
        machine.SetStatusText("Restarting...");
        return Task.CompletedTask;
    }

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;

    [MachineCommand("custom_func", Description = "Multiplies two numbers")]
    public Task<int> CustomFunction(int x, int y) => Task.FromResult(x * y);
}
