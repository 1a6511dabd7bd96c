namespace MachineActors.Actors.Dispatch;

internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    // Timer callbacks run on timer threads; the map is shared with the mailbox.
    private readonly Dictionary<object, ActiveTimer> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A periodic timer needs a positive interval.");
        }
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        lock (_timers)
        {
            return _timers.ContainsKey(key);
        }
    }

    public void Cancel(object key)
    {
        lock (_timers)
        {
            if (_timers.Remove(key, out var timer))
            {
                timer.Timer.Dispose();
            }
        }
    }

    public void CancelAll()
    {
        lock (_timers)
        {
            foreach (var timer in _timers.Values)
            {
                timer.Timer.Dispose();
            }
            _timers.Clear();
        }
    }

    /// <summary>On dequeue: true if the message belongs to the timer currently registered under its key.</summary>
    public bool Accept(TimerMessage message)
    {
        lock (_timers)
        {
            if (!_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
            {
                return false;
            }
            if (!timer.Periodic)
            {
                _timers.Remove(message.Key);
                timer.Timer.Dispose();
            }
            return true;
        }
    }

    private void Start(object key, object message, TimeSpan due, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }
        lock (_timers)
        {
            if (_timers.Remove(key, out var previous))
            {
                previous.Timer.Dispose();
            }
            var envelope = new TimerMessage(key, ++_generation, message, this);
            // The timer's state roots the envelope; the map roots the timer until cancel or delivery.
            var timer = cell.System.TimeProvider.CreateTimer(
                static state => ((TimerMessage)state!).Owner.Fire((TimerMessage)state!),
                envelope,
                due,
                period);
            _timers[key] = new ActiveTimer(timer, envelope.Generation, period != Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(TimerMessage message) => cell.SendUser(message, null);

    private sealed record ActiveTimer(ITimer Timer, int Generation, bool Periodic);
}
