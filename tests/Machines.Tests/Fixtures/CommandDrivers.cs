using System.ComponentModel;

namespace MachineActors.Machines.Tests.Fixtures;

/// <summary>A printer driver with commands of every supported shape.</summary>
internal class CommandingDriver : NamedPrinterDriver
{
    public List<string> Calls { get; } = [];

    [MachineCommand("feed", Description = "Feeds blank labels")]
    public Task<object?> Feed(
        IMachine machine,
        [Description("How many labels")] int count,
        string? reason = null,
        bool cut = true,
        CancellationToken cancellationToken = default)
    {
        Calls.Add($"feed {machine.Name} {count} {reason ?? "-"} {cut} {cancellationToken.CanBeCanceled}");
        return Task.FromResult<object?>(count * 2);
    }

    [MachineCommand("calibrate")]
    public async Task Calibrate(double darkness, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Calls.Add($"calibrate {darkness}");
    }

    [MachineCommand("label")]
    public Task<string> Label(string text, string? note) => Task.FromResult($"{text}|{note ?? "null"}");

    [MachineCommand("fail-now")]
    public Task FailNow() => throw new InvalidOperationException("thrown before returning a task");

    [MachineCommand("fail-later")]
    public async Task FailLater()
    {
        await Task.Yield();
        throw new TimeoutException("the printer did not answer");
    }

    [MachineCommand("wipe")]
    protected virtual Task<int> Wipe() => Task.FromResult(1);

    [MachineCommand("secret")]
    private Task<int> Secret() => Task.FromResult(7);

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Inherits the commands of <see cref="CommandingDriver"/> and overrides one without repeating the attribute.</summary>
internal sealed class DerivedCommandingDriver : CommandingDriver
{
    protected override Task<int> Wipe() => Task.FromResult(2);
}

/// <summary>Marks methods that break the command rules; only <c>ok</c> is valid.</summary>
internal sealed class BrokenCommandDriver : NamedPrinterDriver
{
    [MachineCommand("ok")]
    public Task Ok() => Task.CompletedTask;

    [MachineCommand("static")]
    public static Task Static() => Task.CompletedTask;

    [MachineCommand("sync")]
    public int Sync() => 1;

    [MachineCommand("when")]
    public Task When(DateTime at) => Task.CompletedTask;

    [MachineCommand("by-ref")]
    public Task ByRef(ref int count) => Task.CompletedTask;

    [MachineCommand("Bad Name")]
    public Task BadName() => Task.CompletedTask;

    [MachineCommand("reserved")]
    public Task Reserved(string command) => Task.CompletedTask;

    [MachineCommand("ok")]
    public Task OkAgain() => Task.CompletedTask;

    public override Task PrintLabel(IMachine machine, string label, CancellationToken cancellationToken) => Task.CompletedTask;
}
