using MachineActors.Machines;

namespace MachineActors.Machines.Printing;

/// <summary>
/// A printing option a driver declares in <see cref="LabelPrinterDriver.ExtraPrintOptions"/> (InvenTree's fields of a
/// driver's <c>PrintingOptionsSerializer</c>). Values are parsed like settings, with <see cref="SettingValue.Parse(object?, SettingDefinition)"/>;
/// check declarations with <see cref="PrintOptionDefinitions.Validate"/>.
/// </summary>
public sealed record PrintOptionDefinition
{
    /// <summary>The key the option is given by in a print request, matching <c>^[a-z][a-z0-9_]*$</c>, e.g. <c>media</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Help text.</summary>
    public string Description { get; init; } = "";

    /// <summary>The type values are parsed to.</summary>
    public SettingType Type { get; init; } = SettingType.String;

    /// <summary>The value used when a request does not give the option (or gives it empty); null means none.</summary>
    public object? Default { get; init; }

    /// <summary>The allowed values; only for <see cref="SettingType.Choice"/> options, which need at least one.</summary>
    public IReadOnlyList<SettingChoice> Choices { get; init; } = [];

    /// <summary>Extra check run on a parsed, non-empty value; returns an error message, or null when the value is fine.</summary>
    public Func<object?, string?>? Validator { get; init; }

    /// <summary>The same rules as a setting, for <see cref="SettingValue.Parse(object?, SettingDefinition)"/>.</summary>
    internal SettingDefinition AsSetting() => new()
    {
        Key = Key,
        Name = Name,
        Description = Description,
        Type = Type,
        Default = Default,
        Choices = Choices,
        Validator = Validator,
    };
}
