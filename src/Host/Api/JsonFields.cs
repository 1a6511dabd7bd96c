using System.Text.Json;

namespace MachineActors.Host.Api;

/// <summary>Typed reads of optional body fields that collect a field error instead of throwing.</summary>
public sealed class JsonFields(JsonElement body)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Has(string name) => body.TryGetProperty(name, out _);

    public string? String(string name, bool required = false, int maxLength = 200)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors[name] = ["This field is required."];
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors[name] = ["Not a valid string."];
            return null;
        }
        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Errors[name] = ["This field may not be blank."];
            return null;
        }
        if (text.Length > maxLength)
        {
            Errors[name] = [$"Ensure this field has no more than {maxLength} characters."];
            return null;
        }
        return text;
    }

    public bool? Bool(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Errors[name] = ["Must be a valid boolean."];
        return null;
    }

    /// <summary>The raw value of a field (any JSON kind), for setting values parsed against their definition.</summary>
    public JsonElement? Raw(string name) => body.TryGetProperty(name, out var value) ? value : null;
}
