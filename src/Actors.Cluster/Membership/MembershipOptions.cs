using MachineActors.Actors.Persistence.PostgreSql;

namespace MachineActors.Actors.Cluster.Membership;

/// <summary>Every tunable of cluster membership, with its default, in one place.</summary>
public sealed record MembershipOptions
{
    /// <summary>
    /// How often a node writes its heartbeat and reads the member table (one round trip each): 500 ms.
    /// Detection can be no faster than this; the database sees two statements per node per interval.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A member whose heartbeat counter the observer has not seen change for this long, by the
    /// observer's own clock, is reported unreachable: 2 s (four intervals). At least two intervals.
    /// </summary>
    public TimeSpan UnreachableAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A member silent for this long is marked Down in the table by whichever node notices first: 4 s.
    /// Must exceed <see cref="UnreachableAfter"/>. Lower means faster fail-over and more false downs
    /// under a stalled network or database.
    /// </summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The PostgreSQL schema holding the <c>members</c> table and its <c>change_member</c> function,
    /// created on start: "cluster". 1 to 63 lower-case letters, digits and '_', not starting with a digit.
    /// </summary>
    public string Schema { get; init; } = "cluster";

    /// <summary>
    /// How long the database work of one step (a tick's heartbeat and read, a join, a leave) may take
    /// before it is cancelled and counted as a failed step: 2 s.
    /// </summary>
    public TimeSpan DatabaseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before a failed join or leave is tried again: 200 ms; it doubles with every failure.</summary>
    public TimeSpan RetryMinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between tries of a join or leave that keeps failing: 5 s.</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest gap between two successful polls across which silence still counts:
    /// <see cref="UnreachableAfter"/> minus <see cref="HeartbeatInterval"/> (1.5 s). After a longer gap
    /// (the observer's own database outage or stall, during which everyone's heartbeats may have
    /// stalled too) the failure detector starts every member's silence afresh.
    /// </summary>
    public TimeSpan MaxObservationGap => UnreachableAfter - HeartbeatInterval;

    /// <summary>Throws when a value is out of range or the settings contradict each other.</summary>
    public void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "The heartbeat interval must be positive.");
        }
        if (UnreachableAfter < 2 * HeartbeatInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(UnreachableAfter), UnreachableAfter,
                $"UnreachableAfter must be at least two heartbeat intervals ({2 * HeartbeatInterval}).");
        }
        if (DownAfter <= UnreachableAfter)
        {
            throw new ArgumentOutOfRangeException(nameof(DownAfter), DownAfter, $"DownAfter must exceed UnreachableAfter ({UnreachableAfter}).");
        }
        if (DatabaseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DatabaseTimeout), DatabaseTimeout, "The database timeout must be positive.");
        }
        if (RetryMinBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMinBackoff), RetryMinBackoff, "The minimum retry backoff must be positive.");
        }
        if (RetryMaxBackoff < RetryMinBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMaxBackoff), RetryMaxBackoff, $"RetryMaxBackoff must be at least RetryMinBackoff ({RetryMinBackoff}).");
        }
        PostgreSqlSchemaNames.Quote(Schema);
    }

    /// <summary>The backoff before try number <paramref name="failures"/> + 1, after that many failures in a row.</summary>
    internal TimeSpan RetryBackoff(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = RetryMinBackoff.Ticks * Math.Pow(2, doublings);
        return delay >= RetryMaxBackoff.Ticks ? RetryMaxBackoff : TimeSpan.FromTicks((long)delay);
    }
}
