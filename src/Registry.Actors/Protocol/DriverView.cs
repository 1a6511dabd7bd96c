using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>A registered driver with its errors (<c>driver_errors</c>, e.g. a failed InitDriver).</summary>
/// <param name="MachineType">The slug of the machine type it serves.</param>
/// <param name="Source">The built-in assembly or plugin it comes from.</param>
public sealed record DriverView(
    string Slug,
    string Name,
    string Description,
    string MachineType,
    string Source,
    bool IsBuiltIn,
    IReadOnlyList<SettingDefinition> Settings,
    IReadOnlyList<MachineCommandDefinition> Commands,
    IReadOnlyList<string> Errors);
