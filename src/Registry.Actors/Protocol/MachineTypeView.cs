using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>A registered machine type.</summary>
/// <param name="Source">The built-in assembly or plugin it comes from.</param>
public sealed record MachineTypeView(
    string Slug,
    string Name,
    string Description,
    string Source,
    bool IsBuiltIn,
    IReadOnlyList<SettingDefinition> Settings,
    IReadOnlyList<MachineStatus> Statuses,
    MachineStatus DefaultStatus,
    MachineStatus ErrorStatus);
