using System.Globalization;
using System.Text.Json;

namespace MachineActors.Registry.Persistence;

/// <summary>
/// A setting or property value as stored: its kind spelled out ("string", "bool", "int", "float", "long") and
/// its invariant text, so a value reads back as exactly the CLR type it was written as.
/// </summary>
public sealed record PersistedValue(string Kind, string Text)
{
    public static PersistedValue? From(object? value) => value switch
    {
        null => null,
        string text => new("string", text),
        bool flag => new("bool", flag ? "true" : "false"),
        int number => new("int", number.ToString(CultureInfo.InvariantCulture)),
        long number => new("long", number.ToString(CultureInfo.InvariantCulture)),
        double number => new("float", number.ToString("R", CultureInfo.InvariantCulture)),
        float number => new("float", ((double)number).ToString("R", CultureInfo.InvariantCulture)),
        JsonElement element => new("string", element.ToString()),
        _ => new("string", Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public object ToValue() => Kind switch
    {
        "bool" => Text == "true",
        "int" => int.Parse(Text, CultureInfo.InvariantCulture),
        "long" => long.Parse(Text, CultureInfo.InvariantCulture),
        "float" => double.Parse(Text, CultureInfo.InvariantCulture),
        _ => Text,
    };
}
