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

    // One per status of the set, created on first use.
    private readonly MachineRuntimeState?[] _initializedStates = new MachineRuntimeState?[instance.Statuses.Count];

    /// <summary>The state every machine of the type starts with; immutable, so one instance serves them all.</summary>
    public MachineRuntimeState InitialState { get; } = new() { Status = instance.DefaultStatus };

    /// <summary>
    /// The state of an initialised machine of the type with nothing but <paramref name="status"/> (no text, property,
    /// error or restart request): immutable, so one instance per status serves every such machine. Null for a status
    /// that is not one of the set's own instances. Safe from any thread.
    /// </summary>
    public MachineRuntimeState? InitializedWith(MachineStatus status)
    {
        for (var i = 0; i < Statuses.Count; i++)
        {
            if (ReferenceEquals(Statuses[i], status))
            {
                if (Volatile.Read(ref _initializedStates[i]) is { } shared)
                {
                    return shared;
                }
                var created = new MachineRuntimeState { Initialized = true, Status = status };
                return Interlocked.CompareExchange(ref _initializedStates[i], created, null) ?? created;
            }
        }
        return null;
    }
}
