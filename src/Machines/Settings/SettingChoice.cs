namespace MachineActors.Machines;

/// <summary>One allowed value of a <see cref="SettingType.Choice"/> setting: the stored value and the text shown for it.</summary>
public sealed record SettingChoice(string Value, string Label);
