using System.Collections.Concurrent;

namespace MachineActors.Acceptance;

/// <summary>What the crash test's clients were told: acknowledged changes must survive; in-flight ones may or may not.</summary>
public sealed class CrashLedger
{
    /// <summary>Machines whose creation was acknowledged (or found stored after a crash), by name.</summary>
    public ConcurrentDictionary<string, TrackedMachine> Machines { get; } = new(StringComparer.Ordinal);

    /// <summary>Creations sent but not acknowledged when the node died.</summary>
    public ConcurrentDictionary<string, byte> CreatesInFlight { get; } = new(StringComparer.Ordinal);

    public int AcknowledgedCreates;
    public int AcknowledgedSettings;

    public sealed class TrackedMachine(Guid pk, int worker)
    {
        public Guid Pk { get; } = pk;

        /// <summary>Only this worker changes the machine's setting, so its writes are sequential.</summary>
        public int Worker { get; } = worker;

        /// <summary>The last value the node acknowledged (or showed after a restart).</summary>
        public string? Acknowledged { get; set; }

        /// <summary>A value sent but not acknowledged when the node died.</summary>
        public string? InFlight { get; set; }
    }
}
