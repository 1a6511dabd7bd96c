namespace MachineActors.Actors;

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with a key that is in use replaces it, and a
/// message of a cancelled or replaced timer is never delivered, even if it was already queued.
/// All timers are cancelled when the actor restarts or stops. Time comes from the system's TimeProvider.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
