using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>
/// What a user configured for one machine (InvenTree's <c>MachineConfig</c> with its <c>MachineSetting</c> rows).
/// Setting values are stored parsed (string, bool, int or double); a setting without a stored value is absent.
/// </summary>
public sealed record MachineConfig
{
    /// <summary>The machine's id (InvenTree's <c>pk</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The machine's name, unique among machines.</summary>
    public required string Name { get; init; }

    /// <summary>The slug of the machine's type; it cannot change after the machine is created.</summary>
    public required string MachineTypeSlug { get; init; }

    /// <summary>The slug of the machine's driver; it cannot change after the machine is created.</summary>
    public required string DriverSlug { get; init; }

    /// <summary>Whether the machine is enabled; only active machines are initialised.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The node name or role the machine belongs on; null for any node.</summary>
    public string? Placement { get; init; }

    /// <summary>Stored values of the machine type's settings (config type <c>M</c>), by key.</summary>
    public ImmutableDictionary<string, object?> MachineSettings { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>Stored values of the driver's settings (config type <c>D</c>), by key.</summary>
    public ImmutableDictionary<string, object?> DriverSettings { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>The stored values of one config type.</summary>
    public ImmutableDictionary<string, object?> Settings(SettingConfigType type) => type switch
    {
        SettingConfigType.Machine => MachineSettings,
        SettingConfigType.Driver => DriverSettings,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown setting config type."),
    };

    /// <summary>A copy with <paramref name="value"/> stored for the setting; an empty value removes it.</summary>
    public MachineConfig WithSetting(SettingConfigType type, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var settings = Settings(type);
        settings = SettingValue.IsEmpty(value) ? settings.Remove(key) : settings.SetItem(key, value);
        return type == SettingConfigType.Machine ? this with { MachineSettings = settings } : this with { DriverSettings = settings };
    }
}
