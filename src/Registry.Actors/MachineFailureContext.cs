namespace MachineActors.Registry;

/// <summary>What the registry needs from a failed machine actor: its state at the failure and the request it was handling.</summary>
internal sealed record MachineFailureContext(int Incarnation, long RequestId, MachineRuntimeState State, IReadOnlyList<SettingChange> DriverSettings);
