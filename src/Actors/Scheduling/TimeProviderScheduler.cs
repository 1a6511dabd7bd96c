namespace MachineActors.Actors;

internal sealed class TimeProviderScheduler(TimeProvider timeProvider) : IScheduler
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A repeated send needs a positive interval.");
        }
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, Timeout.InfiniteTimeSpan, action);

    private ScheduledWork Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        var work = new ScheduledWork(action, period != Timeout.InfiniteTimeSpan);
        work.Start(timeProvider, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period);
        return work;
    }

    /// <summary>The timer's state is this object, which keeps the timer rooted while it is pending.</summary>
    private sealed class ScheduledWork(Action action, bool repeated) : ICancelable
    {
        private ITimer? _timer;
        private volatile bool _cancelled;

        public bool IsCancellationRequested => _cancelled;

        public void Start(TimeProvider timeProvider, TimeSpan delay, TimeSpan period) =>
            _timer = timeProvider.CreateTimer(static state => ((ScheduledWork)state!).Fire(), this, delay, period);

        public void Cancel()
        {
            _cancelled = true;
            _timer?.Dispose();
        }

        private void Fire()
        {
            if (_cancelled)
            {
                return;
            }
            if (!repeated)
            {
                _cancelled = true;
                _timer?.Dispose();
            }
            action();
        }
    }
}
