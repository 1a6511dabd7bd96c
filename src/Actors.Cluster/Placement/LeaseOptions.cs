using MachineActors.Actors.Persistence.PostgreSql;

namespace MachineActors.Actors.Cluster.Placement;

/// <summary>Defaults of the machine ownership leases (see <see cref="LeaseStore"/> and <see cref="LeaseKeeper"/>).</summary>
public sealed record LeaseOptions
{
    /// <summary>
    /// How long a lease lasts after the database grants or renews it, counted on the database clock. A node
    /// that dies without releasing its leases holds its machines for at most this long.
    /// </summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a keeper renews its leases (in one statement) and retries the ones it still waits for.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How much earlier than the database a holder gives a lease up: it sends <see cref="LeaseLost"/> at
    /// (its clock before the last successful renewal started) + <see cref="Duration"/> − this, which leaves
    /// this long to stop the machine's actor and absorbs clock-rate drift. RenewInterval + SafetyMargin must
    /// be shorter than Duration, or a lease would be given up before it is ever renewed.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The PostgreSQL schema of the <c>machine_leases</c> table (1 to 63 lower-case letters, digits and '_').</summary>
    public string Schema { get; init; } = "cluster";

    /// <summary>How long a keeper holds a lease after the start of its last successful renewal: Duration − SafetyMargin.</summary>
    public TimeSpan FencingWindow => Duration - SafetyMargin;

    /// <summary>Throws when a value is out of range or the timings cannot keep the fencing invariant.</summary>
    public void Validate()
    {
        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "The lease duration must be positive.");
        }
        if (RenewInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewInterval), RenewInterval, "The renew interval must be positive.");
        }
        if (SafetyMargin <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMargin), SafetyMargin, "The safety margin must be positive.");
        }
        if (RenewInterval + SafetyMargin >= Duration)
        {
            throw new ArgumentException(
                $"RenewInterval ({RenewInterval}) + SafetyMargin ({SafetyMargin}) must be shorter than Duration ({Duration}).", nameof(RenewInterval));
        }
        PostgreSqlSchemaNames.Quote(Schema);
    }
}
