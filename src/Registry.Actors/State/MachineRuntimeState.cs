using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>
/// What a machine is doing, as opposed to how it is configured: owned by its machine actor while that runs, by the
/// registry otherwise, and kept across restarts of the actor.
/// </summary>
public sealed record MachineRuntimeState
{
    /// <summary>Whether the driver's InitMachine completed for the current configuration.</summary>
    public bool Initialized { get; init; }

    /// <summary>The current status; null when the machine's type is unknown (the machine is not loaded).</summary>
    public MachineStatus? Status { get; init; }

    /// <summary>Free text that details the status.</summary>
    public string StatusText { get; init; } = "";

    /// <summary>Properties the driver published, by key.</summary>
    public ImmutableDictionary<string, MachineProperty> Properties { get; init; } = ImmutableDictionary<string, MachineProperty>.Empty;

    /// <summary>Errors recorded since the last user restart, oldest first, each once.</summary>
    public ImmutableList<string> Errors { get; init; } = [];

    /// <summary>Whether a change only takes effect after the machine is restarted.</summary>
    public bool RestartRequired { get; init; }

    /// <summary>
    /// The status and status text were recorded before the node last started and the driver has not reported since:
    /// they are the last known ones, not a live reading.
    /// </summary>
    public bool StatusIsLastKnown { get; init; }

    /// <summary>
    /// Errors kept per machine, the oldest dropped first: a driver that words each failure differently (a time, a
    /// counter) must not grow a machine's state, its stored record and its views without end.
    /// </summary>
    public const int MaxErrors = 50;

    /// <summary>A longer error text is cut to this many characters (a driver may pass on a whole device answer).</summary>
    public const int MaxErrorLength = 2_000;

    /// <summary>A copy with <paramref name="error"/> recorded, unless it already is (as InvenTree's handle_error).</summary>
    public MachineRuntimeState WithError(string error)
    {
        var text = error.Length > MaxErrorLength ? string.Concat(error.AsSpan(0, MaxErrorLength - 1), "\u2026") : error;
        if (Errors.Contains(text))
        {
            return this;
        }
        var kept = Errors.Count >= MaxErrors ? Errors.RemoveRange(0, Errors.Count - MaxErrors + 1) : Errors;
        return this with { Errors = kept.Add(text) };
    }
}
