namespace MachineActors.Registry;

/// <summary>A problem found while discovering machine types and drivers or loading machines (InvenTree's registry errors).</summary>
/// <param name="Message">What is wrong, e.g. "Cannot re-register driver 'x'".</param>
/// <param name="Source">Where it was found: a built-in assembly or a plugin name, or "registry".</param>
public sealed record RegistryError(string Message, string Source);
