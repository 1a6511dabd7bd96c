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

    /// <summary>A copy with <paramref name="error"/> recorded, unless it already is (as InvenTree's handle_error).</summary>
    public MachineRuntimeState WithError(string error) => Errors.Contains(error) ? this : this with { Errors = Errors.Add(error) };
}
