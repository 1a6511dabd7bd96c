using MachineActors.Machines;

namespace MachineActors.FaultyPlugin;

/// <summary>
/// A driver that misbehaves the way its machine's MODE setting says:
/// <list type="bullet">
/// <item><c>hang</c>: every call returns a task that never completes and ignores its cancellation token.</item>
/// <item><c>block</c>: every call blocks its calling thread for good before returning anything.</item>
/// <item><c>throw</c>: every call throws.</item>
/// <item><c>leak-task</c>: initialises, then keeps starting tasks that throw and that nobody awaits (unobserved exceptions).</item>
/// <item><c>leak-background</c>: initialises and polls through <see cref="MachineBackgroundWork"/>; every poll throws.</item>
/// <item><c>crash-thread</c>: initialises and starts a raw <see cref="Thread"/> that throws, which ends any .NET process.</item>
/// </list>
/// </summary>
public sealed class FaultyDriver : FaultyDeviceDriverBase
{
    public const string ModeSetting = "MODE";

    public override string Slug => "faulty-driver";

    public override string Name => "Faulty driver";

    public override string Description => "Hangs, throws or leaks exceptions from its own threads, as its MODE setting says";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition
        {
            Key = ModeSetting,
            Name = "Mode",
            Description = "How the driver misbehaves",
            Type = SettingType.Choice,
            Default = "throw",
            Choices =
            [
                new SettingChoice("hang", "Hang (ignore cancellation)"),
                new SettingChoice("block", "Block the calling thread"),
                new SettingChoice("throw", "Throw on every call"),
                new SettingChoice("leak-task", "Leak exceptions from unobserved tasks"),
                new SettingChoice("leak-background", "Fail in background work run through the SDK"),
                new SettingChoice("crash-thread", "Throw on a raw thread"),
            ],
        },
    ];

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken) => Misbehave(machine, "InitMachine", start: true);

    public override Task RestartMachine(IMachine machine, CancellationToken cancellationToken) => Misbehave(machine, "RestartMachine", start: true);

    /// <summary>Like a real driver, only a running machine is set up again (the registry initialises one a change activates).</summary>
    public override Task UpdateMachine(MachineState oldState, IMachine machine, CancellationToken cancellationToken) =>
        machine is { Active: true, Initialized: true } ? Misbehave(machine, "UpdateMachine", start: false) : Task.CompletedTask;

    [MachineCommand("ping", Description = "Answers pong, or misbehaves")]
    public async Task<string> Ping(IMachine machine, CancellationToken cancellationToken)
    {
        await Misbehave(machine, "ping", start: false).ConfigureAwait(false);
        return "pong";
    }

    private Task Misbehave(IMachine machine, string call, bool start)
    {
        switch ((string?)machine.GetSetting(ModeSetting, SettingConfigType.Driver))
        {
            case "hang":
                return new TaskCompletionSource().Task;
            case "block":
                Thread.Sleep(Timeout.Infinite);
                return Task.CompletedTask;
            case "throw":
                throw new InvalidOperationException($"{call} of the faulty driver failed on purpose");
            case "leak-task" when start:
                _ = LeakTasksAsync(machine);
                break;
            case "leak-background" when start:
                _ = MachineBackgroundWork.RunPeriodically(machine, "faulty status poll", TimeSpan.FromMilliseconds(200), TimeProvider,
                    _ => throw new IOException("the faulty device did not answer its status poll"));
                break;
            case "crash-thread" when start:
                new Thread(() => throw new InvalidOperationException($"thrown on a raw thread by the faulty driver of '{machine.Name}'")).Start();
                break;
        }
        machine.SetStatus(FaultyDeviceMachineType.Connected);
        return Task.CompletedTask;
    }

    /// <summary>Starts a task that throws and is never awaited, then collects it, so the runtime reports it unobserved; again and again.</summary>
    private async Task LeakTasksAsync(IMachine machine)
    {
        var stopping = machine.Stopping;
        while (!stopping.IsCancellationRequested)
        {
            Leak(machine.Name);
            await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider, CancellationToken.None).ConfigureAwait(false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private static void Leak(string name) =>
        _ = Task.Run(() => throw new InvalidOperationException($"leaked from an unobserved task of the faulty driver of '{name}'"));
}
