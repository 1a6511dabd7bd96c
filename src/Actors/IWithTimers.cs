namespace MachineActors.Actors;

/// <summary>Marks an actor with keyed timers; the runtime assigns <see cref="Timers"/> after construction.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
