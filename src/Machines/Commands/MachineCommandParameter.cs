namespace MachineActors.Machines;

/// <summary>A parameter of a machine command.</summary>
/// <param name="Name">The argument name callers use (the C# parameter name).</param>
/// <param name="Type">How the argument is parsed (<see cref="SettingValue.Parse(object?, SettingType)"/>); never <see cref="SettingType.Choice"/>.</param>
/// <param name="Required">Whether callers must supply it (OctoPrint's mandatory parameters).</param>
/// <param name="AllowsNull">Whether null is an acceptable argument.</param>
/// <param name="Description">Help text.</param>
public sealed record MachineCommandParameter(string Name, SettingType Type, bool Required, bool AllowsNull, string Description);
