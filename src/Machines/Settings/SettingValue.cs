using System.Globalization;
using System.Text.Json;

namespace MachineActors.Machines;

/// <summary>
/// Pure functions over setting values. Raw values are what arrives from a user, a file or the store: CLR scalars,
/// strings, or <see cref="JsonElement"/>s. Parsing yields <see cref="string"/>, <see cref="bool"/>,
/// <see cref="int"/> or <see cref="double"/>; an empty raw value (null, blank text, JSON null) parses to null.
/// </summary>
public static class SettingValue
{
    /// <summary>What is shown instead of a protected value.</summary>
    public const string ProtectedMask = "***";

    private const int MaxShownLength = 60;

    /// <summary>Whether <paramref name="value"/> is null, blank text, or a JSON null or blank JSON string.</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => true,
        JsonElement { ValueKind: JsonValueKind.String } element => string.IsNullOrWhiteSpace(element.GetString()),
        _ => false,
    };

    /// <summary>A required setting is missing only when its value and its default are both empty.</summary>
    public static bool IsMissing(object? value, SettingDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Required && IsEmpty(value) && IsEmpty(definition.Default);
    }

    /// <summary>The keys of the required <paramref name="definitions"/> whose stored value (looked up by key) and default are both empty, in declaration order.</summary>
    public static IReadOnlyList<string> MissingKeys(IReadOnlyList<SettingDefinition> definitions, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(values);
        List<string>? missing = null;
        // By index and allocating only when something is missing: the registry asks on every machine start.
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            if (IsMissing(values.GetValueOrDefault(definition.Key), definition))
            {
                (missing ??= []).Add(definition.Key);
            }
        }
        return missing ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The stored value, or the default when the stored value is empty.</summary>
    public static object? EffectiveValue(object? value, SettingDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return IsEmpty(value) ? definition.Default : value;
    }

    /// <summary>The value as it may be shown: <see cref="ProtectedMask"/> for a non-empty protected value.</summary>
    public static object? Mask(object? value, SettingDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Protected && !IsEmpty(value) ? ProtectedMask : value;
    }

    /// <summary>
    /// Parses <paramref name="raw"/> as <paramref name="definition"/>'s type, then checks its choices and runs its
    /// validator. Empty input succeeds with null: whether it may be empty is <see cref="IsMissing"/>'s question.
    /// The error of a <see cref="SettingDefinition.Protected"/> setting never repeats the value (it shows
    /// <see cref="ProtectedMask"/>), so a mistyped secret does not end up in an answer or a log line.
    /// </summary>
    public static SettingParseResult Parse(object? raw, SettingDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var hidden = definition.Protected;
        var parsed = Parse(raw, definition.Type, hidden);
        if (!parsed.IsValid || parsed.Value is null)
        {
            return parsed;
        }

        if (definition.Type == SettingType.Choice)
        {
            var text = (string)parsed.Value;
            var choices = definition.Choices ?? [];
            if (!choices.Any(choice => choice?.Value == text))
            {
                var allowed = string.Join(", ", choices.Select(choice => choice?.Value));
                return SettingParseResult.Failure($"'{Show(text, hidden)}' is not one of the choices: {allowed}");
            }
        }

        return definition.Validator is null ? parsed : RunValidator(definition.Validator, parsed, hidden);
    }

    /// <summary>Parses <paramref name="raw"/> as <paramref name="type"/> (for <see cref="SettingType.Choice"/>: as text, without checking choices).</summary>
    public static SettingParseResult Parse(object? raw, SettingType type) => Parse(raw, type, hidden: false);

    private static SettingParseResult Parse(object? raw, SettingType type, bool hidden)
    {
        if (raw is null || IsEmpty(raw))
        {
            return SettingParseResult.Success(null);
        }

        return type switch
        {
            SettingType.String => ParseText(raw, "text"),
            SettingType.Choice => ParseText(raw, "choice"),
            SettingType.Bool => ParseBool(raw, hidden),
            SettingType.Int => ParseInt(raw, hidden),
            SettingType.Float => ParseFloat(raw, hidden),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown setting type."),
        };
    }

    private static SettingParseResult RunValidator(Func<object?, string?> validator, SettingParseResult parsed, bool hidden)
    {
        string? error;
        try
        {
            error = validator(parsed.Value);
        }
        catch (Exception exception)
        {
            error = $"the validator failed: {exception.Message}";
        }

        if (string.IsNullOrEmpty(error))
        {
            return parsed;
        }

        // A driver's message may quote the value; for a protected setting it then says only that it was refused.
        var text = Show(parsed.Value!, hidden: false, shorten: false);
        return hidden && text.Length > 0 && error.Contains(text, StringComparison.Ordinal)
            ? SettingParseResult.Failure($"'{ProtectedMask}' is not accepted (the value of a protected setting is not repeated)")
            : SettingParseResult.Failure(error);
    }

    private static SettingParseResult ParseText(object raw, string what) => raw switch
    {
        string text => SettingParseResult.Success(text),
        JsonElement { ValueKind: JsonValueKind.String } element => SettingParseResult.Success(element.GetString()),
        JsonElement { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } element =>
            SettingParseResult.Success(element.GetRawText()),
        JsonElement element => SettingParseResult.Failure($"a JSON {element.ValueKind.ToString().ToLowerInvariant()} is not a valid {what}"),
        bool flag => SettingParseResult.Success(flag ? "true" : "false"),
        _ when IsNumber(raw) => SettingParseResult.Success(((IFormattable)raw).ToString(null, CultureInfo.InvariantCulture)),
        _ => SettingParseResult.Failure($"a value of type {raw.GetType().Name} is not a valid {what}"),
    };

    private static SettingParseResult ParseBool(object raw, bool hidden) => raw switch
    {
        bool flag => SettingParseResult.Success(flag),
        JsonElement { ValueKind: JsonValueKind.True } => SettingParseResult.Success(true),
        JsonElement { ValueKind: JsonValueKind.False } => SettingParseResult.Success(false),
        JsonElement { ValueKind: JsonValueKind.String } element => ParseBoolText(element.GetString()!, hidden),
        string text => ParseBoolText(text, hidden),
        _ => NotBool(raw, hidden),
    };

    private static SettingParseResult ParseBoolText(string text, bool hidden) => text.Trim() switch
    {
        var t when t.Equals("true", StringComparison.OrdinalIgnoreCase) => SettingParseResult.Success(true),
        var t when t.Equals("false", StringComparison.OrdinalIgnoreCase) => SettingParseResult.Success(false),
        _ => NotBool(text, hidden),
    };

    private static SettingParseResult ParseInt(object raw, bool hidden)
    {
        switch (raw)
        {
            case int whole:
                return SettingParseResult.Success(whole);
            case string text:
                return ParseIntText(text, hidden);
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return ParseIntText(element.GetString()!, hidden);
            case JsonElement { ValueKind: JsonValueKind.Number } element:
                if (element.TryGetInt32(out var int32))
                {
                    return SettingParseResult.Success(int32);
                }

                return element.TryGetDouble(out var jsonNumber) ? IntFromNumber(jsonNumber, raw, hidden) : IntOutOfRange(raw, hidden);
            case double or float:
                return IntFromNumber(Convert.ToDouble(raw, CultureInfo.InvariantCulture), raw, hidden);
            case decimal exact:
                return IntFromNumber(exact, raw, hidden);
            case long or short or byte or sbyte or ushort or uint or ulong:
                return IntFromNumber(Convert.ToDecimal(raw, CultureInfo.InvariantCulture), raw, hidden);
            default:
                return NotInt(raw, hidden);
        }
    }

    private static SettingParseResult ParseIntText(string text, bool hidden)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return SettingParseResult.Success(whole);
        }

        return IsIntegerLiteral(trimmed) ? IntOutOfRange(text, hidden) : NotInt(text, hidden);
    }

    private static SettingParseResult IntFromNumber(decimal number, object raw, bool hidden)
    {
        if (decimal.Truncate(number) != number)
        {
            return NotInt(raw, hidden);
        }

        return number is < int.MinValue or > int.MaxValue ? IntOutOfRange(raw, hidden) : SettingParseResult.Success((int)number);
    }

    private static SettingParseResult IntFromNumber(double number, object raw, bool hidden)
    {
        if (!double.IsFinite(number) || Math.Truncate(number) != number)
        {
            return NotInt(raw, hidden);
        }

        return number is < int.MinValue or > int.MaxValue ? IntOutOfRange(raw, hidden) : SettingParseResult.Success((int)number);
    }

    private static bool IsIntegerLiteral(string text)
    {
        var digits = text.StartsWith('+') || text.StartsWith('-') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    private static SettingParseResult ParseFloat(object raw, bool hidden)
    {
        double? number = raw switch
        {
            double or float or decimal or int or long or short or byte or sbyte or ushort or uint or ulong =>
                Convert.ToDouble(raw, CultureInfo.InvariantCulture),
            string text => ParseFloatText(text),
            JsonElement { ValueKind: JsonValueKind.String } element => ParseFloatText(element.GetString()!),
            JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetDouble(out var parsed) => parsed,
            _ => null,
        };

        return number is { } finite && double.IsFinite(finite)
            ? SettingParseResult.Success(finite)
            : SettingParseResult.Failure($"'{Show(raw, hidden)}' is not a valid number");
    }

    private static double? ParseFloatText(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static SettingParseResult NotBool(object raw, bool hidden) =>
        SettingParseResult.Failure($"'{Show(raw, hidden)}' is not a valid boolean (use true or false)");

    private static SettingParseResult NotInt(object raw, bool hidden) =>
        SettingParseResult.Failure($"'{Show(raw, hidden)}' is not a valid integer");

    private static SettingParseResult IntOutOfRange(object raw, bool hidden) =>
        SettingParseResult.Failure($"'{Show(raw, hidden)}' is out of range for an integer ({int.MinValue} to {int.MaxValue})");

    private static bool IsNumber(object raw) =>
        raw is int or long or short or byte or sbyte or ushort or uint or ulong or float or double or decimal;

    /// <summary>The value as an error message quotes it: shortened, or <see cref="ProtectedMask"/> when it is <paramref name="hidden"/>.</summary>
    private static string Show(object raw, bool hidden, bool shorten = true)
    {
        if (hidden)
        {
            return ProtectedMask;
        }

        var text = raw switch
        {
            string plain => plain,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
            JsonElement element => element.GetRawText(),
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString() ?? raw.GetType().Name,
        };
        return shorten ? Shorten(text) : text;
    }

    private static string Shorten(string text) =>
        text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…");
}
