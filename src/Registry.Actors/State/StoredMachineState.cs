using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>
/// What is kept of a machine's runtime state across node restarts. The status is kept as its code and mapped back
/// through the machine type's status set on load, so renamed labels or colours never come back stale.
/// </summary>
public sealed record StoredMachineState(
    int? StatusCode,
    string StatusText,
    ImmutableList<string> Errors,
    ImmutableDictionary<string, MachineProperty> Properties,
    bool RestartRequired)
{
    public static StoredMachineState From(MachineRuntimeState state) =>
        new(state.Status?.Code, state.StatusText, state.Errors, state.Properties, state.RestartRequired);

    /// <summary>The state a machine starts with after a node restart: last known status, errors and properties; not initialised.</summary>
    public MachineRuntimeState ToRuntimeState(MachineType? type) => new()
    {
        Status = StatusCode is { } code && type?.Statuses.Find(code) is { } status ? status : type?.DefaultStatus,
        StatusText = StatusText,
        StatusIsLastKnown = StatusCode is not null || StatusText.Length > 0,
        Errors = Errors,
        Properties = Properties,
        RestartRequired = RestartRequired,
    };
}
