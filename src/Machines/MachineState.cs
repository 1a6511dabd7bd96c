using System.Collections.Immutable;

namespace MachineActors.Machines;

/// <summary>
/// An immutable snapshot of a machine, e.g. its state before a configuration change, given to
/// <see cref="Driver.UpdateMachine"/> as the old state. Settings hold stored values only (no defaults applied).
/// </summary>
public sealed record MachineState
{
    /// <summary>The machine's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The machine's name.</summary>
    public required string Name { get; init; }

    /// <summary>The slug of the machine's type.</summary>
    public required string MachineTypeSlug { get; init; }

    /// <summary>The slug of the machine's driver.</summary>
    public required string DriverSlug { get; init; }

    /// <summary>Whether the machine is enabled.</summary>
    public bool Active { get; init; }

    /// <summary>Whether the driver's <see cref="Driver.InitMachine"/> completed.</summary>
    public bool Initialized { get; init; }

    /// <summary>Stored values of the machine type's settings (config type <c>M</c>), by key.</summary>
    public ImmutableDictionary<string, object?> MachineSettings { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>Stored values of the driver's settings (config type <c>D</c>), by key.</summary>
    public ImmutableDictionary<string, object?> DriverSettings { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>The current status.</summary>
    public required MachineStatus Status { get; init; }

    /// <summary>Free text that details the status.</summary>
    public string StatusText { get; init; } = "";

    /// <summary>Published properties, by key.</summary>
    public ImmutableDictionary<string, MachineProperty> Properties { get; init; } = ImmutableDictionary<string, MachineProperty>.Empty;

    /// <summary>Errors recorded since the machine was last (re)initialised, oldest first.</summary>
    public ImmutableList<string> Errors { get; init; } = [];

    /// <summary>The stored value of a setting, or null when none is stored.</summary>
    public object? GetSetting(string key, SettingConfigType type)
    {
        ArgumentNullException.ThrowIfNull(key);
        var settings = type switch
        {
            SettingConfigType.Machine => MachineSettings,
            SettingConfigType.Driver => DriverSettings,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown setting config type."),
        };
        return settings.GetValueOrDefault(key);
    }
}
