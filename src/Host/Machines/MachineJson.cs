using System.Globalization;
using MachineActors.Machines;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>The API's JSON shapes, field for field as InvenTree's machine serializers (plus node and placement).</summary>
public static class MachineJson
{
    public static object Machine(MachineView machine, string node) => new
    {
        pk = machine.Id,
        name = machine.Name,
        machine_type = machine.MachineType,
        driver = machine.Driver,
        initialized = machine.Initialized,
        active = machine.Active,
        status = machine.StatusCode,
        status_model = machine.Status?.Name,
        status_label = machine.Status?.Label,
        status_color = machine.Status?.Colour.ToString().ToLowerInvariant(),
        status_text = machine.StatusText,
        status_is_last_known = machine.StatusIsLastKnown,
        machine_errors = machine.Errors,
        is_driver_available = machine.IsDriverAvailable,
        restart_required = machine.RestartRequired,
        properties = machine.Properties.Select(Property),
        node = machine.Node ?? node,
        placement = machine.Placement,
    };

    public static object Property(MachineProperty property) => new
    {
        key = property.Key,
        value = property.Value,
        group = property.Group ?? "",
        type = property.Type.ToString().ToLowerInvariant() switch
        {
            "string" => "str",
            var other => other,
        },
        max_progress = property.MaxProgress,
    };

    public static object Setting(SettingView setting) => new
    {
        key = setting.Key,
        // The registry already masked it; the same rule again (it is idempotent) guards views that crossed the cluster.
        value = Text(SettingValue.Mask(setting.Value, setting.Definition)),
        name = setting.Definition.Name,
        description = setting.Definition.Description,
        type = setting.Definition.Type switch
        {
            SettingType.Bool => "boolean",
            SettingType.Int => "integer",
            SettingType.Float => "float",
            SettingType.Choice => "choice",
            _ => "string",
        },
        choices = setting.Definition.Choices.Select(c => new { value = c.Value, display_name = c.Label }),
        units = setting.Definition.Units ?? "",
        required = setting.Definition.Required,
        @protected = setting.Definition.Protected,
        config_type = setting.ConfigType.ToCode(),
    };

    public static object MachineType(MachineTypeView type) => new
    {
        slug = type.Slug,
        name = type.Name,
        description = type.Description,
        provider_file = type.Source,
        provider_plugin = type.IsBuiltIn ? null : new { slug = type.Source, name = type.Source, pk = (int?)null },
        is_builtin = type.IsBuiltIn,
        statuses = type.Statuses.Select(s => new { code = s.Code, name = s.Name, label = s.Label, color = s.Colour.ToString().ToLowerInvariant() }),
    };

    public static object Driver(DriverView driver) => new
    {
        slug = driver.Slug,
        name = driver.Name,
        description = driver.Description,
        provider_file = driver.Source,
        provider_plugin = driver.IsBuiltIn ? null : new { slug = driver.Source, name = driver.Source, pk = (int?)null },
        is_builtin = driver.IsBuiltIn,
        machine_type = driver.MachineType,
        driver_errors = driver.Errors,
    };

    /// <summary>Setting values travel as text, as in InvenTree ("True"/"False" for booleans).</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "True" : "False",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
