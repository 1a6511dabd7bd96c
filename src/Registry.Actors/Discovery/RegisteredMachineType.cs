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

    // Per status of the set, created on first use: the plain state not initialised and initialised, and what is stored of both.
    private readonly MachineRuntimeState?[] _plainStates = new MachineRuntimeState?[instance.Statuses.Count];
    private readonly MachineRuntimeState?[] _plainInitializedStates = new MachineRuntimeState?[instance.Statuses.Count];
    private readonly StoredMachineState?[] _plainStored = new StoredMachineState?[instance.Statuses.Count];

    /// <summary>The state every machine of the type starts with; immutable, so one instance serves them all.</summary>
    public MachineRuntimeState InitialState => Plain(DefaultStatus, initialized: false)!;

    /// <summary>
    /// The state of a machine of the type with nothing but <paramref name="status"/> (no text, property, error or
    /// restart request, and a live status): immutable, so one instance per status serves every such machine, and a
    /// start-up of many machines allocates none. Null for a status that is not one of the set's own instances. Safe
    /// from any thread.
    /// </summary>
    public MachineRuntimeState? Plain(MachineStatus status, bool initialized)
    {
        var i = IndexOf(status);
        if (i < 0)
        {
            return null;
        }
        ref var slot = ref initialized ? ref _plainInitializedStates[i] : ref _plainStates[i];
        if (Volatile.Read(ref slot) is { } shared)
        {
            return shared;
        }
        var created = new MachineRuntimeState { Initialized = initialized, Status = status };
        return Interlocked.CompareExchange(ref slot, created, null) ?? created;
    }

    /// <summary><paramref name="state"/> with <paramref name="status"/> as a live reading: the shared plain state when that is what it becomes.</summary>
    public MachineRuntimeState WithStatus(MachineRuntimeState state, MachineStatus status) =>
        HasOnlyStatus(state) && Plain(status, state.Initialized) is { } shared
            ? shared
            : state with { Status = status, StatusIsLastKnown = false };

    /// <summary><paramref name="state"/> initialised: the shared plain state when that is what it becomes.</summary>
    public MachineRuntimeState Initialized(MachineRuntimeState state) =>
        HasOnlyStatus(state) && !state.StatusIsLastKnown && state.Status is { } status && Plain(status, initialized: true) is { } shared
            ? shared
            : state with { Initialized = true };

    /// <summary>What is stored of <paramref name="state"/>: for a shared plain state, one record shared as well.</summary>
    public StoredMachineState Stored(MachineRuntimeState state)
    {
        var i = state.Status is { } status ? IndexOf(status) : -1;
        if (i < 0 || !ReferenceEquals(state, Volatile.Read(ref _plainStates[i])) && !ReferenceEquals(state, Volatile.Read(ref _plainInitializedStates[i])))
        {
            return StoredMachineState.From(state);
        }
        if (Volatile.Read(ref _plainStored[i]) is { } shared)
        {
            return shared;
        }
        var created = StoredMachineState.From(state);
        return Interlocked.CompareExchange(ref _plainStored[i], created, null) ?? created;
    }

    private static bool HasOnlyStatus(MachineRuntimeState state) =>
        state.StatusText.Length == 0 && state.Properties.IsEmpty && state.Errors.IsEmpty && !state.RestartRequired;

    private int IndexOf(MachineStatus status)
    {
        for (var i = 0; i < Statuses.Count; i++)
        {
            if (ReferenceEquals(Statuses[i], status))
            {
                return i;
            }
        }
        return -1;
    }
}
