using MachineActors.Machines;

namespace MachineActors.Registry.Persistence;

/// <summary>Events of one machine's stream ("machine-&lt;id&gt;").</summary>
public sealed record MachineCreated(PersistedMachineConfig Config);

public sealed record MachineConfigReplaced(PersistedMachineConfig Config);

public sealed record MachineSettingStored(SettingConfigType Type, string Key, PersistedValue? Value);

public sealed record MachineStateStored(PersistedMachineState State);

public sealed record MachineDeleted(Guid Id);

/// <summary>A machine stream's whole state, so recovery does not replay every status change.</summary>
public sealed record MachineStreamSnapshot(PersistedMachineConfig? Config, PersistedMachineState? State, bool Deleted);

/// <summary>Events of the index stream ("machine-index"): which machine streams are live.</summary>
public sealed record MachineIndexed(Guid Id);

public sealed record MachineUnindexed(Guid Id);

public sealed record MachineIndexSnapshot(IReadOnlyList<Guid> Ids);
