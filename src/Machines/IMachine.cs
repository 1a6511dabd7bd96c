namespace MachineActors.Machines;

/// <summary>
/// A machine as its driver sees it (InvenTree's <c>MachineConfig</c> seen from a driver). The registry implements it;
/// every member is safe to call from the driver hook or command that received it, and from background work the driver
/// started for this machine (a status poll) on any thread until <see cref="Stopping"/> is cancelled.
/// </summary>
public interface IMachine
{
    /// <summary>The machine's id.</summary>
    Guid Id { get; }

    /// <summary>The machine's name.</summary>
    string Name { get; }

    /// <summary>The slug of the machine's type.</summary>
    string MachineTypeSlug { get; }

    /// <summary>The slug of the machine's driver.</summary>
    string DriverSlug { get; }

    /// <summary>Whether the machine is enabled.</summary>
    bool Active { get; }

    /// <summary>Whether <see cref="Driver.InitMachine"/> completed for this machine.</summary>
    bool Initialized { get; }

    /// <summary>The current status.</summary>
    MachineStatus Status { get; }

    /// <summary>Free text that details the status.</summary>
    string StatusText { get; }

    /// <summary>Errors recorded since the machine was last (re)initialised, oldest first.</summary>
    IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Cancelled when the machine stops running on this node: it is stopped, deactivated or removed. Background work a
    /// driver started for the machine (a status poll) ends when it is cancelled; a driver that initialises the same
    /// machine again replaces such work itself.
    /// </summary>
    CancellationToken Stopping { get; }

    /// <summary>
    /// The value of a declared setting, parsed to its <see cref="SettingType"/>'s CLR type, or its default when no
    /// value is stored. Throws <see cref="KeyNotFoundException"/> for an undeclared key.
    /// </summary>
    object? GetSetting(string key, SettingConfigType type);

    /// <summary>
    /// Stores a value for a declared setting. Throws <see cref="ArgumentException"/> when the value is invalid
    /// (see <see cref="SettingValue.Parse(object?, SettingDefinition)"/>) and <see cref="KeyNotFoundException"/>
    /// for an undeclared key.
    /// </summary>
    void SetSetting(string key, SettingConfigType type, object? value);

    /// <summary>Sets the status; it must belong to the machine type's status set.</summary>
    void SetStatus(MachineStatus status);

    /// <summary>Sets the free text that details the status.</summary>
    void SetStatusText(string text);

    /// <summary>Publishes (or replaces, by <paramref name="key"/>) a property shown with the machine.</summary>
    void SetProperty(string key, object? value, string? group = null, PropertyType type = PropertyType.String, int? maxProgress = null);

    /// <summary>Records an error on the machine; recorded errors are shown and survive restarts.</summary>
    void HandleError(string error);

    /// <summary>Records an exception as an error on the machine.</summary>
    void HandleError(Exception error);

    /// <summary>Flags that a setting changed in a way that only takes effect after the machine restarts.</summary>
    void RestartRequired();
}
