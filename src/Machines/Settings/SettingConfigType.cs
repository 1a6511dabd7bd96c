namespace MachineActors.Machines;

/// <summary>
/// Whose declaration a stored setting belongs to: the machine type's (<c>M</c>) or the driver's (<c>D</c>).
/// The numeric value is the character code InvenTree uses in URLs; see <see cref="SettingConfigTypeCodes"/>.
/// </summary>
public enum SettingConfigType
{
    /// <summary>Declared by the machine type (<c>M</c>).</summary>
    Machine = 'M',

    /// <summary>Declared by the driver (<c>D</c>).</summary>
    Driver = 'D',
}
