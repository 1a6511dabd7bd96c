using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>
/// Records every call and misbehaves on request, per machine, through its settings: FAIL_INIT_TIMES makes the
/// first n InitMachine calls throw, FAIL_IN and HANG_IN name a call that throws or hangs (ignoring its token), and
/// WAIT_IN one that waits until the test opens the machine's gate.
/// InitMachine publishes a property before anything else.
/// </summary>
public sealed class ProbeDriver : ProbeDriverBase
{
    public const string DriverSlug = "probe-driver";

    private int _initDriverCalls;

    public override string Slug => DriverSlug;

    public override string Name => "Probe driver";

    public override string Description => "Records calls, fails on request";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = "FAIL_INIT_TIMES", Name = "Failing inits", Type = SettingType.Int, Default = 0 },
        new SettingDefinition { Key = "FAIL_IN", Name = "Failing call" },
        new SettingDefinition { Key = "HANG_IN", Name = "Hanging call" },
        new SettingDefinition { Key = "WAIT_IN", Name = "Call that waits for the machine's gate" },
        new SettingDefinition
        {
            Key = "RETRIES",
            Name = "Retries",
            Type = SettingType.Int,
            Default = 3,
            Validator = value => value is int and (< 0 or > 10) ? "must be between 0 and 10" : null,
        },
        new SettingDefinition { Key = "SECRET", Name = "Secret", Protected = true },
        new SettingDefinition { Key = "NOTE", Name = "Note" },
    ];

    public override Task InitDriver(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _initDriverCalls);
        return Task.CompletedTask;
    }

    public override async Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ProbeLog.Record(machine.Id, nameof(InitMachine), $"driver-inits={Volatile.Read(ref _initDriverCalls)} name={machine.Name}");
        machine.SetProperty("firmware", "1.0", "device");
        var id = machine.Id;
        machine.Stopping.Register(() => ProbeLog.Record(id, "Stopping", ""));
        await Misbehave(machine, nameof(InitMachine), cancellationToken);
        var attempt = ProbeLog.Count(machine.Id, nameof(InitMachine));
        if (attempt <= (int)machine.GetSetting("FAIL_INIT_TIMES", SettingConfigType.Driver)!)
        {
            throw new InvalidOperationException($"Init failure {attempt}");
        }
        machine.SetStatus(ProbeStatuses.Ready);
    }

    public override async Task UpdateMachine(MachineState oldState, IMachine machine, CancellationToken cancellationToken)
    {
        ProbeLog.Record(machine.Id, nameof(UpdateMachine), $"name={machine.Name}", oldState);
        await Misbehave(machine, nameof(UpdateMachine), cancellationToken);
    }

    public override async Task RestartMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ProbeLog.Record(machine.Id, nameof(RestartMachine), $"errors={machine.Errors.Count} text={machine.StatusText}");
        await Misbehave(machine, nameof(RestartMachine), cancellationToken);
    }

    [MachineCommand("multiply")]
    public Task<int> Multiply(int x, int y) => Task.FromResult(x * y);

    [MachineCommand("fail")]
    public Task Fail(string message) => throw new InvalidOperationException(message);

    [MachineCommand("hang")]
    public Task Hang(IMachine machine, CancellationToken cancellationToken) => HangIgnoringToken(machine, "hang", cancellationToken);

    [MachineCommand("report")]
    public Task Report(IMachine machine, string error)
    {
        machine.HandleError(error);
        machine.SetStatus(ProbeStatuses.Warning);
        machine.SetStatusText("check me");
        machine.RestartRequired();
        return Task.CompletedTask;
    }

    [MachineCommand("remember")]
    public Task Remember(IMachine machine, string note)
    {
        machine.SetSetting("NOTE", SettingConfigType.Driver, note);
        return Task.CompletedTask;
    }

    /// <summary>Blocks its thread, as a badly written driver might, until the test opens the machine's gate.</summary>
    [MachineCommand("block")]
    public Task Block(IMachine machine)
    {
        ProbeLog.Record(machine.Id, "Blocking");
        ProbeLog.Gate(machine.Id).Task.GetAwaiter().GetResult();
        return Task.CompletedTask;
    }

    /// <summary>Returns at once; sets the status text from the background once the test opens the machine's gate.</summary>
    [MachineCommand("later")]
    public Task Later(IMachine machine, string text)
    {
        _ = Task.Run(async () =>
        {
            await ProbeLog.Gate(machine.Id).Task;
            machine.SetStatusText(text);
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Returns at once; then <paramref name="threads"/> threads each set <paramref name="changes"/> properties of
    /// their own, racing with each other and with the machine's next calls.
    /// </summary>
    [MachineCommand("scatter")]
    public Task Scatter(IMachine machine, int threads, int changes)
    {
        for (var t = 0; t < threads; t++)
        {
            var thread = t;
            _ = Task.Run(() =>
            {
                for (var i = 0; i < changes; i++)
                {
                    machine.SetProperty($"t{thread}-{i}", i, "scatter");
                }
                ProbeLog.Record(machine.Id, "Scattered", $"{thread}");
            });
        }
        return Task.CompletedTask;
    }

    private static async Task Misbehave(IMachine machine, string call, CancellationToken cancellationToken)
    {
        if ((string?)machine.GetSetting("WAIT_IN", SettingConfigType.Driver) == call)
        {
            ProbeLog.Record(machine.Id, "Waiting", call);
            await ProbeLog.Gate(machine.Id).Task.WaitAsync(cancellationToken);
        }
        if ((string?)machine.GetSetting("HANG_IN", SettingConfigType.Driver) == call)
        {
            await HangIgnoringToken(machine, call, cancellationToken);
        }
        if ((string?)machine.GetSetting("FAIL_IN", SettingConfigType.Driver) == call)
        {
            throw new InvalidOperationException($"{call} failed on purpose");
        }
    }

    private static Task HangIgnoringToken(IMachine machine, string call, CancellationToken cancellationToken)
    {
        var id = machine.Id;
        cancellationToken.Register(() => ProbeLog.Record(id, "Cancelled", call));
        ProbeLog.Record(id, "Hanging", call);
        return new TaskCompletionSource().Task;
    }
}
