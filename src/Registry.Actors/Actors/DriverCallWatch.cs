namespace MachineActors.Registry.Actors;

/// <summary>
/// Which driver call of a machine incarnation is running synchronously on its actor's thread, and since when: the
/// machine actor sets it around the part of a call that runs before the call returns its task, and the registry looks
/// at it now and then. A call still there after the call timeout blocks its thread (a timeout cannot end that; only the
/// driver can), so the registry gives that incarnation up and starts the machine again. Written by one thread, read by
/// another: a field of the incarnation's <see cref="MachineSetup"/> (used in place, never copied), no allocation per
/// call; a torn read can only report a blocked call late.
/// </summary>
internal struct DriverCallWatch
{
    private string? _call;
    private TimeSpan _timeout;
    private long _startedAt;

    public void Enter(string call, TimeSpan timeout, long timestamp)
    {
        _call = call;
        _timeout = timeout;
        Volatile.Write(ref _startedAt, timestamp);
    }

    public void Exit() => Volatile.Write(ref _startedAt, 0);

    /// <summary>The call that has been running on its thread for longer than its timeout, and that timeout.</summary>
    public readonly (string Call, TimeSpan Timeout)? Blocked(TimeProvider time)
    {
        var startedAt = Volatile.Read(in _startedAt);
        if (startedAt == 0 || _call is not { } call || time.GetElapsedTime(startedAt) <= _timeout)
        {
            return null;
        }
        return (call, _timeout);
    }
}
