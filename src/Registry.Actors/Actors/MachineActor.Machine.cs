using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>
/// The <see cref="IMachine"/> the driver gets is the machine's actor itself, one per incarnation. Driver code may
/// call it from any thread, so every member locks. Changes made outside a driver call are reported to the actor with
/// <see cref="StateTouched"/> (at most one pending at a time); changes made during a call are collected by <see cref="EndCall"/>.
/// </summary>
internal sealed partial class MachineActor : IMachine
{
    // Guarded by _setup, the lock: an object private to this incarnation that no one else locks.
    private MachineConfig _config;
    private MachineRuntimeState _state;
    private List<SettingChange>? _settingChanges;
    private bool _inCall;
    private bool _touchReported;

    // Created on first use (most drivers never ask): cancelled when the machine stops or is deactivated; a
    // re-activated machine gets a fresh one.
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

    public string Name
    {
        get
        {
            lock (_setup)
            {
                return _config.Name;
            }
        }
    }

    public string MachineTypeSlug => _setup.Type.Slug;

    public string DriverSlug
    {
        get
        {
            lock (_setup)
            {
                return _config.DriverSlug;
            }
        }
    }

    public bool Active
    {
        get
        {
            lock (_setup)
            {
                return _config.Active;
            }
        }
    }

    public bool Initialized
    {
        get
        {
            lock (_setup)
            {
                return _state.Initialized;
            }
        }
    }

    public MachineStatus Status
    {
        get
        {
            lock (_setup)
            {
                return _state.Status ?? _setup.Type.DefaultStatus;
            }
        }
    }

    public string StatusText
    {
        get
        {
            lock (_setup)
            {
                return _state.StatusText;
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_setup)
            {
                return _state.Errors;
            }
        }
    }

    public MachineConfig Config
    {
        get
        {
            lock (_setup)
            {
                return _config;
            }
        }
    }

    public MachineRuntimeState State
    {
        get
        {
            lock (_setup)
            {
                return _state;
            }
        }
    }

    public object? GetSetting(string key, SettingConfigType type)
    {
        var definition = Definition(key, type);
        object? stored;
        lock (_setup)
        {
            stored = _config.Settings(type).GetValueOrDefault(key);
        }
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
        bool report;
        lock (_setup)
        {
            _config = _config.WithSetting(type, key, parsed.Value);
            (_settingChanges ??= []).Add(change);
            report = ShouldReport();
        }
        Report(report);
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
    /// Records a successful initialisation (the actor's own change). A machine that got nothing but a status from its
    /// driver takes the state its type shares for that status instead of a copy of its own.
    /// </summary>
    public void MarkInitialized()
    {
        lock (_setup)
        {
            _state = _setup.Type.Initialized(_state);
        }
    }

    /// <summary>The actor's own change of state (not reported through the callback).</summary>
    public void Update(Func<MachineRuntimeState, MachineRuntimeState> change)
    {
        lock (_setup)
        {
            _state = change(_state);
        }
    }

    /// <summary>Takes the config the registry stored; settings the driver changed since are reported again by the registry.</summary>
    public void ReplaceConfig(MachineConfig config)
    {
        lock (_setup)
        {
            _config = config;
        }
    }

    public void BeginCall()
    {
        lock (_setup)
        {
            _inCall = true;
        }
    }

    /// <summary>Ends a call (if one runs) and returns the state with the settings the driver changed since the last report.</summary>
    public (MachineRuntimeState State, IReadOnlyList<SettingChange> Settings) EndCall()
    {
        lock (_setup)
        {
            _inCall = false;
            _touchReported = false;
            var changes = (IReadOnlyList<SettingChange>?)_settingChanges ?? [];
            _settingChanges = null;
            return (_state, changes);
        }
    }

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
        bool report;
        lock (_setup)
        {
            _state = change(_state, argument);
            report = ShouldReport();
        }
        Report(report);
    }

    // Under the lock: a change outside a driver call is reported once until the actor has taken it.
    private bool ShouldReport()
    {
        var report = !_inCall && !_touchReported;
        _touchReported |= report;
        return report;
    }

    private void Report(bool report)
    {
        if (report)
        {
            Self.Tell(StateTouched.Instance, Self);
        }
    }
}
