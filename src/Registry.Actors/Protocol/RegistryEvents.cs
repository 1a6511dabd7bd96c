namespace MachineActors.Registry;

/// <summary>Published on the event stream when a stage has finished.</summary>
/// <param name="Generation">Counts (re)loads of the registry, from 1.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Count">Machine types registered, drivers registered, or machines loaded.</param>
/// <param name="Errors">Registry errors raised by the stage.</param>
/// <param name="Duration">How long the stage took.</param>
public sealed record RegistryStageCompleted(int Generation, RegistryStage Stage, int Count, int Errors, TimeSpan Duration);

/// <summary>Published when all three stages have finished: every machine has been initialised or has failed.</summary>
public sealed record RegistryReady(int Generation, int MachineTypes, int Drivers, int Machines, int InitializedMachines, int Errors, TimeSpan Duration);

/// <summary>
/// Published when driver code failed for a machine: its error is recorded, its status set to the type's error status
/// and its actor stopped. <paramref name="RestartIn"/> is the backoff before it starts again, or null when it has
/// failed too often and stays stopped.
/// </summary>
public sealed record MachineFailed(Guid MachineId, string Name, string Error, int Failures, TimeSpan? RestartIn);

/// <summary>Published when a machine's status, status text, errors or properties change (as they are recorded).</summary>
public sealed record MachineStateChangedEvent(Guid MachineId, int? StatusCode, string StatusText, IReadOnlyList<string> Errors);
