namespace MachineActors.Machines;

/// <summary>
/// A setting a machine type or a driver declares (InvenTree's <c>MACHINE_SETTINGS</c> entries).
/// Check a list of them with <see cref="SettingDefinitions.Validate"/>; parse values with <see cref="SettingValue"/>.
/// </summary>
public sealed record SettingDefinition
{
    /// <summary>Upper-case key, unique within its declaration, matching <c>^[A-Z][A-Z0-9_]*$</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Help text.</summary>
    public string Description { get; init; } = "";

    /// <summary>Value used while none is stored; null or empty text means no default. Must be valid for <see cref="Type"/>.</summary>
    public object? Default { get; init; }

    /// <summary>A required setting with neither a value nor a default keeps the machine from initialising.</summary>
    public bool Required { get; init; }

    /// <summary>The type values are parsed to.</summary>
    public SettingType Type { get; init; } = SettingType.String;

    /// <summary>Extra check run on a parsed, non-empty value; returns an error message, or null when the value is fine.</summary>
    public Func<object?, string?>? Validator { get; init; }

    /// <summary>The allowed values; only for <see cref="SettingType.Choice"/> settings, which need at least one.</summary>
    public IReadOnlyList<SettingChoice> Choices { get; init; } = [];

    /// <summary>A protected value (a password, a token) is never shown; see <see cref="SettingValue.Mask"/>.</summary>
    public bool Protected { get; init; }

    /// <summary>Units shown next to the value, e.g. <c>mm</c>.</summary>
    public string? Units { get; init; }

    /// <summary>Whether <paramref name="key"/> matches <c>^[A-Z][A-Z0-9_]*$</c>.</summary>
    public static bool IsValidKey(string? key) => key is not null && Patterns.UpperCaseKey().IsMatch(key);
}
