namespace MachineActors.Machines.Tests.Fixtures;

/// <summary>An <see cref="IMachine"/> that records what a driver does to it.</summary>
public sealed class FakeMachine : IMachine
{
    private readonly Dictionary<(string Key, SettingConfigType Type), object?> _settings = [];
    private readonly List<string> _errors = [];
    private readonly CancellationTokenSource _stopping = new();

    public Guid Id { get; } = Guid.NewGuid();

    public string Name { get; init; } = "fake";

    public string MachineTypeSlug { get; init; } = PrinterMachineType.TypeSlug;

    public string DriverSlug { get; init; } = "fake-driver";

    public bool Active { get; init; } = true;

    public bool Initialized { get; init; } = true;

    public MachineStatus Status { get; private set; } = PrinterStatuses.Unknown;

    public string StatusText { get; private set; } = "";

    /// <summary>A copy: background work may add errors from another thread.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public CancellationToken Stopping => _stopping.Token;

    public Dictionary<string, MachineProperty> Properties { get; } = [];

    public bool RestartIsRequired { get; private set; }

    public object? GetSetting(string key, SettingConfigType type) => _settings.GetValueOrDefault((key, type));

    public void SetSetting(string key, SettingConfigType type, object? value) => _settings[(key, type)] = value;

    public void SetStatus(MachineStatus status) => Status = status;

    public void SetStatusText(string text) => StatusText = text;

    public void SetProperty(string key, object? value, string? group = null, PropertyType type = PropertyType.String, int? maxProgress = null) =>
        Properties[key] = new MachineProperty(key, value, group, type, maxProgress);

    public void HandleError(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    public void HandleError(Exception error) => HandleError(error.Message);

    public void RestartRequired() => RestartIsRequired = true;

    public void Stop() => _stopping.Cancel();
}
