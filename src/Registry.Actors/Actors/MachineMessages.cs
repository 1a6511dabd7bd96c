using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>Registry to machine: initialise if active and not yet initialised. <paramref name="DriverError"/> is set when InitDriver failed.</summary>
internal sealed record InitializeMachine(long RequestId, string? DriverError);

/// <summary>Registry to machine: the stored config changed; call UpdateMachine with <paramref name="OldState"/>, then (de)initialise on a change of Active.</summary>
internal sealed record ApplyConfig(long RequestId, MachineConfig Config, MachineState OldState, string? DriverError);

/// <summary>Registry to machine: clear errors, status, status text and restart-required, then call RestartMachine.</summary>
internal sealed record ResetAndRestart(long RequestId);

/// <summary>Registry to machine: run a driver command.</summary>
internal sealed record CallFunction(long RequestId, string Function, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>Registry to machine: the authoritative config after the registry stored settings the driver changed.</summary>
internal sealed record SyncConfig(MachineConfig Config);

/// <summary>Machine to itself: the driver changed the machine outside a driver call (e.g. from a polling loop).</summary>
internal sealed record StateTouched
{
    public static readonly StateTouched Instance = new();
}

/// <summary>Machine to registry: a request finished; <paramref name="Error"/> is a rejection that did not fail the machine.</summary>
internal sealed record MachineCallCompleted(
    long RequestId,
    Guid MachineId,
    int Incarnation,
    MachineRuntimeState State,
    IReadOnlyList<SettingChange> DriverSettings,
    object? Result,
    RegistryOperationException? Error);

/// <summary>Machine to registry: the state changed outside a request.</summary>
internal sealed record MachineStateChanged(Guid MachineId, int Incarnation, MachineRuntimeState State, IReadOnlyList<SettingChange> DriverSettings);

/// <summary>Delivered to the registry when a machine actor has stopped.</summary>
internal sealed record MachineActorStopped(Guid MachineId, int Incarnation);
