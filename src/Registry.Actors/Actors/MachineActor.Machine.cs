using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>
/// The <see cref="IMachine"/> the driver gets is the machine's actor itself, one per incarnation. Driver code may
/// call it from any thread. Config and state are immutable records, replaced whole by compare-and-swap and read
/// without a lock; the settings the driver changed are a stack pushed the same way. A start-up changes a machine
/// several times, and each interlocked operation waits for every store before it to reach the cache, which is slow
/// while a large start-up is allocating into memory that is not cached: a lock would be two of them per change, this
/// is one. Changes made outside a driver call are reported to the actor with <see cref="StateTouched"/> (at most one
/// pending at a time); changes made during a call are collected by <see cref="EndCall"/>.
/// </summary>
/// <remarks>
/// Whether a change is reported or collected is the store-buffering pattern, with a full fence on both sides: a
/// change is published (a compare-and-swap) before it reads <see cref="_inCall"/>, and <see cref="EndCall"/> clears
/// <see cref="_inCall"/> and then fences before it reads. So a change
/// that still sees the call running is surely read by that call's end, and one that does not reports itself. A change
/// racing with <see cref="BeginCall"/> may be both reported and collected; the report then finds nothing new.
/// </remarks>
internal sealed partial class MachineActor : IMachine
{
    private MachineConfig _config;
    private MachineRuntimeState _state;
    private SettingChangeNode? _settingChanges;
    // Written only by the actor's thread, around each driver call.
    private volatile bool _inCall;
    // 1 while a StateTouched is pending: set by the change that reports, cleared by EndCall.
    private int _touchReported;
    // Written only by the actor's thread: MarkInitialized during a call, EndCall records it.
    private bool _initializedThisCall;

    // Created on first use (most drivers never ask), under the lock _setup (an object private to this incarnation):
    // cancelled when the machine stops or is deactivated; a re-activated machine gets a fresh one.
    private CancellationTokenSource? _stopping;

    public Guid Id => _setup.Config.Id;

    public CancellationToken Stopping
    {
        get
        {
            lock (_setup)
            {
                return (_stopping ??= new CancellationTokenSource()).Token;
            }
        }
    }

    /// <summary>Ends the driver's background work for this machine; later work (after a re-activation) gets a new token.</summary>
    public void CancelBackgroundWork()
    {
        CancellationTokenSource? ending;
        lock (_setup)
        {
            ending = _stopping;
            _stopping = null;
        }
        ending?.Cancel();
        ending?.Dispose();
    }

    public string Name => CurrentConfig.Name;

    public string MachineTypeSlug => _setup.Type.Slug;

    public string DriverSlug => CurrentConfig.DriverSlug;

    public bool Active => CurrentConfig.Active;

    public bool Initialized => CurrentState.Initialized;

    public MachineStatus Status => CurrentState.Status ?? _setup.Type.DefaultStatus;

    public string StatusText => CurrentState.StatusText;

    public IReadOnlyList<string> Errors => CurrentState.Errors;

    public MachineConfig Config => CurrentConfig;

    public MachineRuntimeState State => CurrentState;

    public object? GetSetting(string key, SettingConfigType type)
    {
        var definition = Definition(key, type);
        var stored = CurrentConfig.Settings(type).GetValueOrDefault(key);
        var parsed = SettingValue.Parse(SettingValue.EffectiveValue(stored, definition), definition.Type);
        return parsed.IsValid ? parsed.Value : null;
    }

    public void SetSetting(string key, SettingConfigType type, object? value)
    {
        var definition = Definition(key, type);
        var parsed = SettingValue.Parse(value, definition);
        if (!parsed.IsValid)
        {
            throw new ArgumentException($"Invalid value for setting {key}: {parsed.Error}", nameof(value));
        }
        var change = new SettingChange(type, key, parsed.Value);
        Swap(ref _config, static (config, change) => config.WithSetting(change.Type, change.Key, change.Value), change);
        Swap(ref _settingChanges, static (changes, change) => new SettingChangeNode(change, changes), change);
        ReportIfOutsideCall();
    }

    public void SetStatus(MachineStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!_setup.Type.Statuses.Contains(status))
        {
            throw new ArgumentException($"{status} is not a status of machine type '{_setup.Type.Slug}'.", nameof(status));
        }
        ChangeState(static (state, change) => change.Type.WithStatus(state, change.Status), (_setup.Type, Status: status));
    }

    public void SetStatusText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ChangeState(static (state, text) => state with { StatusText = text, StatusIsLastKnown = false }, text);
    }

    public void SetProperty(string key, object? value, string? group = null, PropertyType type = PropertyType.String, int? maxProgress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var property = new MachineProperty(key, value, group, type, maxProgress ?? (type == PropertyType.Progress ? 100 : null));
        ChangeState(static (state, property) => state with { Properties = state.Properties.SetItem(property.Key, property) }, property);
    }

    public void HandleError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ChangeState(static (state, error) => state.WithError(error), error);
    }

    public void HandleError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        HandleError(error.Message);
    }

    public void RestartRequired() => ChangeState(static (state, _) => state with { RestartRequired = true }, true);

    /// <summary>
    /// Records a successful initialisation (the actor's own change), the last step of its request: it takes effect when
    /// the call ends, in the swap that is <see cref="EndCall"/>'s fence anyway. A machine that got nothing but a status
    /// from its driver takes the state its type shares for that status instead of a copy of its own.
    /// </summary>
    public void MarkInitialized() => _initializedThisCall = true;

    /// <summary>The actor's own change of state (not reported through the callback).</summary>
    public void Update(Func<MachineRuntimeState, MachineRuntimeState> change) => Swap(ref _state, static (state, change) => change(state), change);

    /// <summary>Takes the config the registry stored; settings the driver changed since are reported again by the registry.</summary>
    public void ReplaceConfig(MachineConfig config) => Volatile.Write(ref _config, config);

    public void BeginCall() => _inCall = true;

    /// <summary>Ends a call (if one runs) and returns the state with the settings the driver changed since the last report.</summary>
    public (MachineRuntimeState State, IReadOnlyList<SettingChange> Settings) EndCall()
    {
        _inCall = false;
        Volatile.Write(ref _touchReported, 0);
        // A full fence between clearing _inCall and reading what changed (see the remarks): the swap that records an
        // initialisation, or else a barrier.
        if (_initializedThisCall)
        {
            _initializedThisCall = false;
            Swap(ref _state, static (state, type) => type.Initialized(state), _setup.Type);
        }
        else
        {
            Interlocked.MemoryBarrier();
        }
        if (Volatile.Read(ref _settingChanges) is null || Interlocked.Exchange(ref _settingChanges, null) is not { } changes)
        {
            return (CurrentState, []);
        }
        return (CurrentState, changes.OldestFirst());
    }

    private MachineConfig CurrentConfig => Volatile.Read(ref _config);

    private MachineRuntimeState CurrentState => Volatile.Read(ref _state);

    private SettingDefinition Definition(string key, SettingConfigType type)
    {
        ArgumentNullException.ThrowIfNull(key);
        var catalog = type switch
        {
            SettingConfigType.Machine => _setup.Type.Settings,
            SettingConfigType.Driver => _setup.Driver?.Settings ?? SettingCatalog.Empty,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown setting config type."),
        };
        return catalog.Find(key) ?? throw new KeyNotFoundException($"Setting {key} ({type.ToCode()}) is not declared for machine type '{_setup.Type.Slug}' and driver '{DriverSlug}'.");
    }

    private void ChangeState<T>(Func<MachineRuntimeState, T, MachineRuntimeState> change, T argument)
    {
        Swap(ref _state, change, argument);
        ReportIfOutsideCall();
    }

    // After the change is published: outside a call, the first change since the actor last took them tells it.
    private void ReportIfOutsideCall()
    {
        if (!_inCall && Interlocked.CompareExchange(ref _touchReported, 1, 0) == 0)
        {
            Self.Tell(StateTouched.Instance, Self);
        }
    }

    /// <summary>Replaces <paramref name="location"/> with <paramref name="change"/> of it, retried until no other thread changed it meanwhile.</summary>
    private static void Swap<T, TArgument>(ref T location, Func<T, TArgument, T> change, TArgument argument)
        where T : class?
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, change(current, argument), current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }
            current = seen;
        }
    }

    /// <summary>The settings the driver changed, newest first.</summary>
    private sealed record SettingChangeNode(SettingChange Change, SettingChangeNode? Next)
    {
        public IReadOnlyList<SettingChange> OldestFirst()
        {
            var changes = new List<SettingChange>();
            for (var node = this; node is not null; node = node.Next)
            {
                changes.Add(node.Change);
            }
            changes.Reverse();
            return changes;
        }
    }
}
