using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Machines.Printing;

/// <summary>
/// The parsed printing options of a job: <see cref="Copies"/> and the options the driver declares, each with its
/// default applied. Made by <see cref="Parse"/>, which is pure: the same input always gives the same result, and
/// <c>Parse(options.Values, definitions)</c> gives the options back (so a stored job can hold either form).
/// </summary>
public sealed class PrintOptions
{
    private PrintOptions(ImmutableDictionary<string, object?> values)
    {
        Values = values;
        Copies = (int)values[BuiltInPrintOptions.Copies.Key]!;
    }

    /// <summary>One copy and nothing else.</summary>
    public static PrintOptions Default { get; } = Parse(null).Options!;

    /// <summary>How many copies of each label (1 to <see cref="BuiltInPrintOptions.MaxCopies"/>).</summary>
    public int Copies { get; }

    /// <summary>
    /// Every known option by key, parsed to <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> or
    /// <see cref="double"/>, or null when neither the request nor the default gives a value.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>
    /// Parses <paramref name="raw"/> (strings, numbers, bools or <see cref="System.Text.Json.JsonElement"/>s, as they
    /// arrive in an HTTP body) against the built-in <c>copies</c> and <paramref name="declared"/>. Keys match exactly
    /// (case-sensitive); unknown keys are dropped; text is coerced (<c>"3"</c> is 3, <c>"true"</c> is true); an empty
    /// value means the default. Every invalid value is reported, e.g. <c>copies: 'abc' is not a valid integer</c>.
    /// </summary>
    public static PrintOptionsParseResult Parse(
        IReadOnlyDictionary<string, object?>? raw,
        IEnumerable<PrintOptionDefinition>? declared = null)
    {
        var values = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var definition in Definitions(declared))
        {
            var given = raw is not null && raw.TryGetValue(definition.Key, out var value) ? value : null;
            var setting = definition.AsSetting();
            var parsed = SettingValue.Parse(SettingValue.EffectiveValue(given, setting), setting);
            if (parsed.IsValid)
            {
                values[definition.Key] = parsed.Value;
            }
            else
            {
                errors.Add($"{definition.Key}: {parsed.Error}");
            }
        }

        return errors.Count == 0 ? new(new PrintOptions(values.ToImmutable()), []) : new(null, errors);
    }

    /// <summary>The value of option <paramref name="key"/> as <typeparamref name="T"/>, or default when it has none or is not a <typeparamref name="T"/>.</summary>
    public T? Get<T>(string key) => Values.GetValueOrDefault(key) is T value ? value : default;

    private static IEnumerable<PrintOptionDefinition> Definitions(IEnumerable<PrintOptionDefinition>? declared)
    {
        yield return BuiltInPrintOptions.Copies;
        foreach (var definition in declared ?? [])
        {
            if (definition is not null && definition.Key != BuiltInPrintOptions.Copies.Key)
            {
                yield return definition;
            }
        }
    }
}
