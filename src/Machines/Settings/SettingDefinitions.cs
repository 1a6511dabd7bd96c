namespace MachineActors.Machines;

/// <summary>Checks the setting declarations of a machine type or a driver.</summary>
public static class SettingDefinitions
{
    /// <summary>Everything wrong with <paramref name="definitions"/> (keys, names, types, choices, defaults, duplicates); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<SettingDefinition?> definitions)
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
                problems.Add($"the setting at position {position} is null");
                continue;
            }

            problems.AddRange(Validate(definition));
            if (definition.Key is not null && !keys.Add(definition.Key))
            {
                problems.Add($"setting key {definition.Key} is declared more than once");
            }
        }

        return problems;
    }

    /// <summary>Everything wrong with one definition; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(SettingDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        var key = definition.Key;
        if (!SettingDefinition.IsValidKey(key))
        {
            problems.Add($"setting key '{key}' must match {Patterns.UpperCaseKeyText}");
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add($"setting {key} has no name");
        }

        if (!Enum.IsDefined(definition.Type))
        {
            problems.Add($"setting {key} has an unknown type {(int)definition.Type}");
            return problems;
        }

        problems.AddRange(ValidateChoices(definition));
        if (!SettingValue.IsEmpty(definition.Default))
        {
            var parsed = SettingValue.Parse(definition.Default, definition);
            if (!parsed.IsValid)
            {
                problems.Add($"setting {key} has an invalid default: {parsed.Error}");
            }
        }

        return problems;
    }

    private static IEnumerable<string> ValidateChoices(SettingDefinition definition)
    {
        var choices = definition.Choices ?? [];
        if (definition.Type != SettingType.Choice)
        {
            if (choices.Count > 0)
            {
                yield return $"setting {definition.Key} has choices but its type is {definition.Type} (only Choice settings have choices)";
            }

            yield break;
        }

        if (choices.Count == 0)
        {
            yield return $"setting {definition.Key} is a Choice setting without choices";
        }

        if (choices.Any(choice => choice is null || string.IsNullOrEmpty(choice.Value)))
        {
            yield return $"setting {definition.Key} has a choice without a value";
        }

        var duplicates = choices
            .Where(choice => choice is not null && !string.IsNullOrEmpty(choice.Value))
            .GroupBy(choice => choice.Value, StringComparer.Ordinal)
            .Where(group => group.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            yield return $"setting {definition.Key} lists choice '{duplicate.Key}' more than once";
        }
    }
}
