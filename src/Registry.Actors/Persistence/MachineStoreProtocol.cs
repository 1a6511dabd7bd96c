using MachineActors.Machines;

namespace MachineActors.Registry.Persistence;

/// <summary>A command for one machine's stream; the coordinator routes it by <see cref="Id"/>.</summary>
internal abstract record MachineStreamCommand(Guid Id);

/// <summary>Answered with <see cref="StoreDone"/> once persisted, or a failure when the id is taken.</summary>
internal sealed record CreateStoredMachine(MachineConfig Config) : MachineStreamCommand(Config.Id);

internal sealed record ReplaceStoredMachine(MachineConfig Config) : MachineStreamCommand(Config.Id);

internal sealed record StoreMachineSetting(Guid MachineId, SettingConfigType Type, string Key, object? Value) : MachineStreamCommand(MachineId);

internal sealed record DeleteStoredMachine(Guid MachineId) : MachineStreamCommand(MachineId);

/// <summary>Not answered: persisted in order behind earlier commands of the machine.</summary>
internal sealed record StoreMachineState(Guid MachineId, StoredMachineState State) : MachineStreamCommand(MachineId);

/// <summary>Answered with <see cref="StoredMachine"/>.</summary>
internal sealed record GetStoredMachine(Guid MachineId) : MachineStreamCommand(MachineId);

internal sealed record StoredMachine(MachineConfig? Config, StoredMachineState? State);

/// <summary>
/// Drops the stream actor kept for the machine, once every write it took is stored; answered with
/// <see cref="StoreDone"/>. The next command for the machine starts a fresh one that recovers from the journal.
/// </summary>
internal sealed record ForgetStoredMachine(Guid MachineId);

/// <summary>Store to stream actor: stop once every write taken so far is stored.</summary>
internal sealed record PassivateStream
{
    public static readonly PassivateStream Instance = new();
}

internal sealed record IndexMachine(Guid Id);

internal sealed record UnindexMachine(Guid Id);

/// <summary>Answered with the ids of every live machine stream.</summary>
internal sealed record GetIndexedMachines
{
    public static readonly GetIndexedMachines Instance = new();
}

internal sealed record StoreDone
{
    public static readonly StoreDone Instance = new();
}
