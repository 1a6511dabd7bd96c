namespace MachineActors.Actors.TestKit;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>. Timers whose due time is
/// reached fire on the advancing thread, in due-time order, so timer-driven behaviour is
/// deterministic without sleeping.
/// </summary>
public sealed class TestTimeProvider(DateTimeOffset? start = null) : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];

    // Completed and replaced whenever a timer is armed, changed or disposed (lets a test wait for one to be armed).
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _sequence;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that are scheduled to fire (lets a test wait until an actor has armed one).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueTime is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits (in real time, with a deadline) until exactly <paramref name="count"/> timers are pending.</summary>
    public async Task WaitForTimersAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (PendingTimers == count)
                {
                    return;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)).ConfigureAwait(false) != changed)
            {
                throw new TimeoutException($"Expected {count} pending timer(s); there are {PendingTimers}.");
            }
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "Time only moves forward.");
        }
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }
        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers
                    .Where(t => t.DueTime is { } due && due <= target)
                    .OrderBy(t => t.DueTime)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueTime > _now)
                {
                    _now = next.DueTime!.Value;
                }
                next.DueTime = next.Period is { } period ? _now + period : null;
                next.Sequence = ++_sequence;
            }
            next.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            SignalChange();
        }
    }

    // Under the lock.
    private void SignalChange()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ManualTimer(TestTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueTime { get; set; }

        public TimeSpan? Period { get; private set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                if (!owner._timers.Contains(this))
                {
                    return false;
                }
                DueTime = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period;
                Sequence = ++owner._sequence;
                owner.SignalChange();
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
