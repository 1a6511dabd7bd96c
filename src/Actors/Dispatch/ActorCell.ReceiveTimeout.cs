namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    // Allocated only for actors that use a receive timeout.
    private ReceiveTimeoutState? _receiveTimeout;

    public TimeSpan? ReceiveTimeout => _receiveTimeout?.Period;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } period && period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "A receive timeout must be positive.");
        }
        if (timeout is null)
        {
            CancelReceiveTimeout();
            return;
        }
        _receiveTimeout ??= new ReceiveTimeoutState(_system.TimeProvider.CreateTimer(
            static state => ((ActorCell)state!).SendUser(Actors.ReceiveTimeout.Instance, null),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan));
        _receiveTimeout.Period = timeout;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (_receiveTimeout is { Period: { } period } state && !_closed && !_isTerminating)
        {
            state.Timer.Change(period, Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeout?.Timer.Dispose();
        _receiveTimeout = null;
    }

    private sealed class ReceiveTimeoutState(ITimer timer)
    {
        public ITimer Timer { get; } = timer;

        public TimeSpan? Period { get; set; }
    }
}
