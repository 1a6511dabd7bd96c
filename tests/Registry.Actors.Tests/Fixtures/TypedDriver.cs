using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>
/// Int, float, choice and protected settings (one with a validator), properties of every value type, and commands
/// that take and return bools, ints, doubles and strings, for the remoting tests.
/// </summary>
public sealed class TypedDriver : TypedDriverBase
{
    public const string DriverSlug = "typed-driver";

    public override string Slug => DriverSlug;

    public override string Name => "Typed driver";

    public override string Description => "Publishes and takes values of every type";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition
        {
            Key = "COPIES",
            Name = "Copies",
            Type = SettingType.Int,
            Default = 1,
            Validator = value => value is int and (< 1 or > 10) ? "must be between 1 and 10" : null,
        },
        new SettingDefinition { Key = "SCALE", Name = "Scale", Type = SettingType.Float, Default = 1.5, Units = "x" },
        new SettingDefinition
        {
            Key = "MODE",
            Name = "Mode",
            Type = SettingType.Choice,
            Default = "fast",
            Choices = [new SettingChoice("fast", "Fast"), new SettingChoice("slow", "Slow")],
        },
        new SettingDefinition { Key = "TOKEN", Name = "Token", Protected = true },
    ];

    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        machine.SetProperty("online", true, "state", PropertyType.Bool);
        machine.SetProperty("count", 42, "state", PropertyType.Int);
        machine.SetProperty("ratio", 0.25, "state", PropertyType.Float);
        machine.SetProperty("whole-ratio", 2.0, "state", PropertyType.Float);
        machine.SetProperty("firmware", "2.1", "device");
        machine.SetProperty("progress", 30, "device", PropertyType.Progress, 200);
        machine.SetProperty("nothing", null);
        machine.SetStatus(ProbeStatuses.Ready);
        return Task.CompletedTask;
    }

    [MachineCommand("scale", Description = "Multiplies a value")]
    public Task<double> Scale(double value, int times) => Task.FromResult(value * times);

    [MachineCommand("negate")]
    public Task<bool> Negate(bool flag) => Task.FromResult(!flag);

    [MachineCommand("describe")]
    public Task<string> Describe(string text, bool flag, int count, double ratio, string? note = null) =>
        Task.FromResult(FormattableString.Invariant($"{text}|{flag}|{count}|{ratio}|{note ?? "null"}"));

    [MachineCommand("nothing")]
    public Task Nothing() => Task.CompletedTask;

    [MachineCommand("reading")]
    public Task<TypedReading> Reading(int count) => Task.FromResult(new TypedReading(count, [count, count + 1]));
}
