using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>A valid machine type of the current registry generation; its attributes are read once.</summary>
internal sealed class RegisteredMachineType(MachineType instance, string source, bool isBuiltIn)
{
    public MachineType Instance { get; } = instance;

    public string Slug { get; } = instance.Slug;

    public string Source { get; } = source;

    public bool IsBuiltIn { get; } = isBuiltIn;

    public SettingCatalog Settings { get; } = new(instance.Settings);

    public MachineStatus DefaultStatus { get; } = instance.DefaultStatus;

    public MachineStatus ErrorStatus { get; } = instance.ErrorStatus;

    public MachineStatusSet Statuses { get; } = instance.Statuses;

    /// <summary>The state every machine of the type starts with; immutable, so one instance serves them all.</summary>
    public MachineRuntimeState InitialState { get; } = new() { Status = instance.DefaultStatus };
}
