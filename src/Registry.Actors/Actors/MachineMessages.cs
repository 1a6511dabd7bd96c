using MachineActors.Actors;
using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>Registry to machine: a request the machine answers with <see cref="MachineCallCompleted"/> (or by failing).</summary>
internal abstract record MachineRequest(long RequestId);

/// <summary>Registry to machine: the stored config changed; call UpdateMachine with <paramref name="OldState"/>, then (de)initialise on a change of Active.</summary>
internal sealed record ApplyConfig(long RequestId, MachineConfig Config, MachineState OldState) : MachineRequest(RequestId);

/// <summary>Registry to machine: clear errors, status, status text and restart-required, then call RestartMachine.</summary>
internal sealed record ResetAndRestart(long RequestId) : MachineRequest(RequestId);

/// <summary>Registry to machine: run a driver command.</summary>
internal sealed record CallFunction(long RequestId, string Function, IReadOnlyDictionary<string, object?> Arguments) : MachineRequest(RequestId);

/// <summary>Registry to machine: the authoritative config after the registry stored settings the driver changed.</summary>
internal sealed record SyncConfig(MachineConfig Config);

/// <summary>Machine to itself: the driver changed the machine outside a driver call (e.g. from a polling loop).</summary>
internal sealed record StateTouched
{
    public static readonly StateTouched Instance = new();
}

/// <summary>
/// Machine to registry: a request finished; <paramref name="Error"/> is a rejection that did not fail the machine.
/// <paramref name="Entry"/> is the registry's entry from the machine's setup, handed back so that the registry needs
/// no lookup.
/// </summary>
internal sealed record MachineCallCompleted(
    long RequestId,
    MachineEntry Entry,
    int Incarnation,
    MachineRuntimeState State,
    IReadOnlyList<SettingChange> DriverSettings,
    object? Result,
    RegistryOperationException? Error);

/// <summary>Machine to registry: the state changed outside a request.</summary>
internal sealed record MachineStateChanged(Guid MachineId, int Incarnation, MachineRuntimeState State, IReadOnlyList<SettingChange> DriverSettings);

/// <summary>Machine to registry, from PostStop: it has stopped; nothing it sent earlier is still on the way.</summary>
internal sealed record MachineActorStopped(Guid MachineId, int Incarnation);

/// <summary>Runs a print job on the machine; the outcome goes to <see cref="Queue"/>, not to the registry.</summary>
internal sealed record PrintOnMachine(MachineActors.Machines.Printing.PrintJob Job, IActorRef Queue, TimeSpan Timeout);
