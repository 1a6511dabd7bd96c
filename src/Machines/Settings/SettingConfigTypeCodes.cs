namespace MachineActors.Machines;

/// <summary>Converts <see cref="SettingConfigType"/> to and from InvenTree's one-letter codes <c>M</c> and <c>D</c>.</summary>
public static class SettingConfigTypeCodes
{
    /// <summary><c>"M"</c> or <c>"D"</c>.</summary>
    public static string ToCode(this SettingConfigType type) => type switch
    {
        SettingConfigType.Machine => "M",
        SettingConfigType.Driver => "D",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown setting config type."),
    };

    /// <summary>Parses exactly <c>"M"</c> or <c>"D"</c>.</summary>
    public static bool TryParse(string? code, out SettingConfigType type)
    {
        switch (code)
        {
            case "M":
                type = SettingConfigType.Machine;
                return true;
            case "D":
                type = SettingConfigType.Driver;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
