using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>One setting of one machine: its declaration and its value.</summary>
/// <param name="ConfigType">Machine type's (<c>M</c>) or driver's (<c>D</c>).</param>
/// <param name="Definition">The declaration.</param>
/// <param name="Value">The stored value or else the default; <see cref="SettingValue.ProtectedMask"/> for a protected one.</param>
/// <param name="IsStored">Whether a value is stored (false: the default applies).</param>
public sealed record SettingView(SettingConfigType ConfigType, SettingDefinition Definition, object? Value, bool IsStored)
{
    public string Key => Definition.Key;
}
