namespace MachineActors.Registry.Actors;

/// <summary>The key of the timer that starts a failed machine again.</summary>
internal sealed record RestartTimerKey(Guid MachineId);
