using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>A valid driver of the current registry generation: the one instance every machine using it shares.</summary>
internal sealed class RegisteredDriver(Driver instance, string source, bool isBuiltIn)
{
    public Driver Instance { get; } = instance;

    public string Slug { get; } = instance.Slug;

    public string MachineTypeSlug { get; } = instance.MachineTypeSlug;

    public string Source { get; } = source;

    public bool IsBuiltIn { get; } = isBuiltIn;

    public SettingCatalog Settings { get; } = new(instance.Settings);

    public IReadOnlyList<MachineCommandDefinition> Commands { get; } = instance.Commands;
}
