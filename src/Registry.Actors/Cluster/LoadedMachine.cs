namespace MachineActors.Registry.Cluster;

/// <summary>One machine as its records hold it: its config and the last runtime state recorded, if any.</summary>
public sealed record LoadedMachine(MachineConfig Config, StoredMachineState? State);
