using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>What a node starts from: every stored config (ordered by name) and the last runtime state recorded per machine.</summary>
public sealed record StoredMachines(IReadOnlyList<MachineConfig> Configs, IReadOnlyDictionary<Guid, StoredMachineState> States);
