using System.Text.RegularExpressions;
using MachineActors.Machines;

namespace MachineActors.Machines.Printing;

/// <summary>Checks the printing options a driver declares.</summary>
public static partial class PrintOptionDefinitions
{
    /// <summary>The pattern an option key must match.</summary>
    public const string KeyPattern = "^[a-z][a-z0-9_]*$";

    /// <summary>Everything wrong with <paramref name="definitions"/> (keys, names, types, choices, defaults, duplicates); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<PrintOptionDefinition?> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var definition in definitions)
        {
            position++;
            if (definition is null)
            {
                problems.Add($"the print option at position {position} is null");
                continue;
            }

            problems.AddRange(Validate(definition));
            if (definition.Key is not null && !keys.Add(definition.Key))
            {
                problems.Add($"print option {definition.Key} is declared more than once");
            }
        }

        return problems;
    }

    private static IEnumerable<string> Validate(PrintOptionDefinition definition)
    {
        var key = definition.Key;
        if (key is null || !Key().IsMatch(key))
        {
            yield return $"print option key '{key}' must match {KeyPattern}";
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            yield return $"print option {key} has no name";
        }

        if (!Enum.IsDefined(definition.Type))
        {
            yield return $"print option {key} has an unknown type {(int)definition.Type}";
            yield break;
        }

        var choices = definition.Choices ?? [];
        if (definition.Type == SettingType.Choice && choices.Count == 0)
        {
            yield return $"print option {key} is a Choice option without choices";
        }

        if (definition.Type != SettingType.Choice && choices.Count > 0)
        {
            yield return $"print option {key} has choices but its type is {definition.Type}";
        }

        if (!SettingValue.IsEmpty(definition.Default) && SettingValue.Parse(definition.Default, definition.AsSetting()) is { IsValid: false } parsed)
        {
            yield return $"print option {key} has an invalid default: {parsed.Error}";
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
