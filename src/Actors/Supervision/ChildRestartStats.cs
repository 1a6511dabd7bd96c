namespace MachineActors.Actors;

/// <summary>
/// Restart bookkeeping for one child, with Akka's semantics: <c>maxNrOfRetries</c> restarts are
/// allowed within a window that starts at the first restart; -1 means unlimited, 0 means never.
/// </summary>
public sealed class ChildRestartStats
{
    private int _restartCount;
    private DateTimeOffset? _windowStart;

    public int RestartCount => _restartCount;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, DateTimeOffset now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }
        if (withinTimeRange is not { } window || window <= TimeSpan.Zero)
        {
            // No window: count every restart; unlimited when maxNrOfRetries is negative.
            _restartCount++;
            return maxNrOfRetries < 0 || _restartCount <= maxNrOfRetries;
        }
        var retries = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var windowStart = _windowStart ??= now;
        if (now - windowStart <= window)
        {
            _restartCount++;
            return _restartCount <= retries;
        }
        // The window has passed: a new one starts with this restart.
        _windowStart = now;
        _restartCount = 1;
        return true;
    }
}
