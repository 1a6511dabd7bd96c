using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;

namespace MachineActors.Drivers.Tests.LabelPrinter;

/// <summary>
/// An <see cref="IMachine"/> of the label-printer type that records what a driver does to it. Settings behave as the
/// registry's do: declared keys only, values parsed to their type, defaults applied. Thread-safe, since drivers update
/// it from background polls.
/// </summary>
public sealed class FakeMachine : IMachine, IDisposable
{
    private static readonly LabelPrinterMachineType MachineType = new();
    private readonly object _lock = new();
    private readonly Dictionary<string, SettingDefinition> _machineDefinitions;
    private readonly Dictionary<string, SettingDefinition> _driverDefinitions;
    private readonly Dictionary<(string Key, SettingConfigType Type), object?> _settings = [];
    private readonly List<string> _errors = [];
    private readonly List<StatusChange> _history = [];
    private readonly Dictionary<string, MachineProperty> _properties = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MachineStatus _status = LabelPrinterStatuses.Unknown;
    private string _statusText = "";

    public FakeMachine(Driver driver, IReadOnlyDictionary<string, object?>? driverSettings = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        DriverSlug = driver.Slug;
        _machineDefinitions = MachineType.Settings.ToDictionary(d => d.Key);
        _driverDefinitions = driver.Settings.ToDictionary(d => d.Key);
        foreach (var (key, value) in driverSettings ?? new Dictionary<string, object?>())
        {
            SetSetting(key, SettingConfigType.Driver, value);
        }
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string Name { get; init; } = "printer-1";

    public string MachineTypeSlug => MachineType.Slug;

    public string DriverSlug { get; }

    public bool Active { get; set; } = true;

    public bool Initialized { get; set; } = true;

    public MachineStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public string StatusText
    {
        get
        {
            lock (_lock)
            {
                return _statusText;
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return _errors.ToArray();
            }
        }
    }

    /// <summary>Every status and text the driver set, in order (a text change repeats the status).</summary>
    public IReadOnlyList<StatusChange> History
    {
        get
        {
            lock (_lock)
            {
                return _history.ToArray();
            }
        }
    }

    public IReadOnlyDictionary<string, MachineProperty> Properties
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, MachineProperty>(_properties);
            }
        }
    }

    public CancellationToken Stopping => _stopping.Token;

    public object? GetSetting(string key, SettingConfigType type)
    {
        var definition = Definition(key, type);
        object? stored;
        lock (_lock)
        {
            stored = _settings.GetValueOrDefault((key, type));
        }

        var parsed = SettingValue.Parse(SettingValue.EffectiveValue(stored, definition), definition);
        return parsed.IsValid ? parsed.Value : throw new InvalidOperationException($"{key}: {parsed.Error}");
    }

    public void SetSetting(string key, SettingConfigType type, object? value)
    {
        var parsed = SettingValue.Parse(value, Definition(key, type));
        if (!parsed.IsValid)
        {
            throw new ArgumentException($"{key}: {parsed.Error}", nameof(value));
        }

        lock (_lock)
        {
            _settings[(key, type)] = parsed.Value;
        }
    }

    public void SetStatus(MachineStatus status)
    {
        if (!LabelPrinterStatuses.Set.Contains(status))
        {
            throw new ArgumentException($"{status} is not a label printer status.", nameof(status));
        }

        Change(() => _status = status);
    }

    public void SetStatusText(string text) => Change(() => _statusText = text);

    public void SetProperty(string key, object? value, string? group = null, PropertyType type = PropertyType.String, int? maxProgress = null)
    {
        lock (_lock)
        {
            _properties[key] = new MachineProperty(key, value, group, type, maxProgress);
        }
    }

    public void HandleError(string error)
    {
        lock (_lock)
        {
            _errors.Add(error);
        }
    }

    public void HandleError(Exception error) => HandleError(error.Message);

    public void RestartRequired()
    {
    }

    /// <summary>Cancels <see cref="Stopping"/>, as the registry does when the machine stops.</summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>Waits (in real time, for I/O to finish) until status and text satisfy <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<MachineStatus, string, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_status, _statusText))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException(
                    $"The machine did not reach the expected status; it is {Status} '{StatusText}'. History: {string.Join(" | ", History)}");
            }
        }
    }

    /// <summary>Waits until the status is <paramref name="status"/> and its text contains <paramref name="textPart"/>.</summary>
    public Task WaitForStatusAsync(MachineStatus status, string textPart = "", TimeSpan? timeout = null) =>
        WaitUntilAsync((s, text) => s == status && text.Contains(textPart, StringComparison.Ordinal), timeout);

    public void Dispose() => _stopping.Dispose();

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            _history.Add(new StatusChange(_status, _statusText));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    private SettingDefinition Definition(string key, SettingConfigType type)
    {
        var definitions = type == SettingConfigType.Machine ? _machineDefinitions : _driverDefinitions;
        return definitions.TryGetValue(key, out var definition)
            ? definition
            : throw new KeyNotFoundException($"{key} is not a declared {type} setting.");
    }

    /// <summary>One change of status or text.</summary>
    public sealed record StatusChange(MachineStatus Status, string Text)
    {
        public override string ToString() => $"{Status.Name} '{Text}'";
    }
}
