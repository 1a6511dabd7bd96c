using MachineActors.Actors.Event;

namespace MachineActors.Actors;

/// <summary>Every tunable of the runtime, with its default, in one place.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>
    /// User messages an actor processes per mailbox run before giving its thread back to the pool.
    /// Higher favours throughput, lower favours fairness between actors. Akka's default is 30.
    /// </summary>
    public int Throughput { get; init; } = 30;

    /// <summary>
    /// Queue mailbox runs on the current worker's local queue instead of the global queue. Local
    /// queues are cheaper for request/reply chains but can delay other work under load.
    /// </summary>
    public bool PreferLocalThreadPoolQueue { get; init; }

    /// <summary>Timeout of an Ask when the caller gives none.</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Source of time for timers, the scheduler, receive timeouts, asks and restart windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How the user guardian supervises top-level actors. Escalate from here stops the system.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Log events at or above this level are written to standard error; <see cref="LogLevel.Off"/> disables it.</summary>
    public LogLevel StandardErrorLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>How long each coordinated-shutdown phase may take before the next one starts anyway.</summary>
    public TimeSpan ShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Host name and port for cluster nodes; null for a purely local system.</summary>
    public string? Host { get; init; }

    public int? Port { get; init; }

    internal void Validate()
    {
        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "Throughput must be at least 1.");
        }
        if (DefaultAskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultAskTimeout), DefaultAskTimeout, "The default ask timeout must be positive.");
        }
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
    }
}
