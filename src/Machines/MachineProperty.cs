namespace MachineActors.Machines;

/// <summary>A value a driver publishes about a machine for display, e.g. firmware version, labels printed, ink level.</summary>
/// <param name="Key">Identifies the property within its machine; setting it again replaces it.</param>
/// <param name="Value">The value; its meaning follows <paramref name="Type"/>.</param>
/// <param name="Group">Optional heading the property is shown under.</param>
/// <param name="Type">How the value is rendered.</param>
/// <param name="MaxProgress">The full-scale value of a <see cref="PropertyType.Progress"/> property.</param>
public sealed record MachineProperty(string Key, object? Value, string? Group, PropertyType Type, int? MaxProgress);
