using System.Text.Json;
using MachineActors.Machines;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>
/// The optional <c>settings</c> of a machine's creation, in the shape the settings list answers with:
/// <c>[{"config_type": "M" | "D", "key": "KEY", "value": ...}]</c>. Each value is validated by the registry against
/// its declaration, and any bad one refuses the whole creation.
/// </summary>
public static class SettingChanges
{
    /// <summary>More settings than any machine type and driver declare together is a mistake, not a configuration.</summary>
    public const int MaxCount = 100;

    /// <summary>The changes, or none; a malformed list is a field error on <c>settings</c> in <paramref name="fields"/>.</summary>
    public static IReadOnlyList<SettingChange> Read(Api.JsonFields fields)
    {
        if (fields.Raw("settings") is not { } list || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxCount)
        {
            fields.Errors["settings"] = [$"Must be a list of at most {MaxCount} {{\"config_type\": \"M\" or \"D\", \"key\": ..., \"value\": ...}}."];
            return [];
        }
        var changes = new List<SettingChange>();
        foreach (var item in list.EnumerateArray())
        {
            var index = changes.Count;
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("config_type", out var code) || code.ValueKind != JsonValueKind.String
                || !SettingConfigTypeCodes.TryParse(code.GetString(), out var type))
            {
                fields.Errors["settings"] = [$"Setting {index} needs \"config_type\": \"M\" or \"D\"."];
                return [];
            }
            if (!item.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String || !SettingDefinition.IsValidKey(key.GetString()))
            {
                fields.Errors["settings"] = [$"Setting {index} needs a \"key\" such as \"HOST\" (upper case letters, digits and _)."];
                return [];
            }
            if (!item.TryGetProperty("value", out var value))
            {
                fields.Errors["settings"] = [$"Setting {index} ({key.GetString()}) needs a \"value\"."];
                return [];
            }
            changes.Add(new SettingChange(type, key.GetString()!, value.Clone()));
        }
        return changes;
    }

    /// <summary>Whether the registry refused a creation for one of its settings (undeclared, or an invalid value).</summary>
    public static bool IsSettingError(RegistryOperationException error) =>
        error.Message.StartsWith("Setting ", StringComparison.Ordinal) || error.Message.StartsWith("Invalid value for setting ", StringComparison.Ordinal);
}
