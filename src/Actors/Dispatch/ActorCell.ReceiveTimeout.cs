namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{

    public TimeSpan? ReceiveTimeout => _rare?.ReceiveTimeout?.Period;

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
        var state = Rare.ReceiveTimeout ??= new ReceiveTimeoutState(_system.TimeProvider.CreateTimer(
            static state => ((ActorCell)state!).SendUser(Actors.ReceiveTimeout.Instance, null),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan));
        state.Period = timeout;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (_rare?.ReceiveTimeout is { Period: { } period } state && !_closed && !_isTerminating)
        {
            state.Timer.Change(period, Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReceiveTimeout()
    {
        _rare?.ReceiveTimeout?.Timer.Dispose();
        if (_rare is { } rare)
        {
            rare.ReceiveTimeout = null;
        }
    }

    private sealed class ReceiveTimeoutState(ITimer timer)
    {
        public ITimer Timer { get; } = timer;

        public TimeSpan? Period { get; set; }
    }
}
