namespace MachineActors.Actors.Pattern;

public enum BackoffMode
{
    /// <summary>Restart the child with backoff when it fails; if it stops by itself, the supervisor stops too.</summary>
    OnFailure,

    /// <summary>Restart the child with backoff whenever it stops, for whatever reason.</summary>
    OnStop,
}

/// <summary>
/// Settings of a <see cref="BackoffSupervisor"/>. The n-th restart waits
/// min(MaxBackoff, MinBackoff·2ⁿ)·(1 + r·RandomFactor) with r uniform in [0,1), as in Akka.
/// </summary>
public sealed record BackoffOptions(Props ChildProps, string ChildName, TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    public BackoffMode Mode { get; init; } = BackoffMode.OnFailure;

    /// <summary>The restart count returns to zero once a child has run this long; null means <see cref="MinBackoff"/>.</summary>
    public TimeSpan? ResetBackoff { get; init; }

    /// <summary>Restarts allowed before the supervisor gives up and stops; -1 is unlimited.</summary>
    public int MaxNrOfRetries { get; init; } = -1;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ChildProps);
        ArgumentException.ThrowIfNullOrWhiteSpace(ChildName);
        if (MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff)
        {
            throw new ArgumentException("Backoff needs 0 < MinBackoff <= MaxBackoff.");
        }
        if (RandomFactor is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RandomFactor), RandomFactor, "RandomFactor must be between 0 and 1.");
        }
    }

    public TimeSpan DelayFor(int restartCount, double random) => Delay(MinBackoff, MaxBackoff, RandomFactor, restartCount, random);

    /// <summary>The backoff formula above, for callers that keep their own bounds (restart count from 0).</summary>
    public static TimeSpan Delay(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int restartCount, double random)
    {
        var exponent = Math.Clamp(restartCount, 0, 62);
        var baseTicks = Math.Min(maxBackoff.Ticks, minBackoff.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)Math.Min(baseTicks * (1 + (random * randomFactor)), TimeSpan.MaxValue.Ticks / 2.0));
    }
}
