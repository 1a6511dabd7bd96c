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
        if (!SettingDefinition.IsValidKey(definition.Key))
        {
            problems.Add($"setting key '{definition.Key}' must match {Patterns.UpperCaseKeyText}");
        }

        problems.AddRange(ValidateAllButKey(definition, DefinitionWording.Setting));
        return problems;
    }

    /// <summary>The name, type, choice and default checks, which print options share through <c>AsSetting</c>.</summary>
    internal static IEnumerable<string> ValidateAllButKey(SettingDefinition definition, DefinitionWording wording)
    {
        var what = $"{wording.Noun} {definition.Key}";
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            yield return $"{what} has no name";
        }

        if (!Enum.IsDefined(definition.Type))
        {
            yield return $"{what} has an unknown type {(int)definition.Type}";
            yield break;
        }

        foreach (var problem in ValidateChoices(definition, what, wording))
        {
            yield return problem;
        }

        if (!SettingValue.IsEmpty(definition.Default) && SettingValue.Parse(definition.Default, definition) is { IsValid: false } parsed)
        {
            yield return $"{what} has an invalid default: {parsed.Error}";
        }
    }

    private static IEnumerable<string> ValidateChoices(SettingDefinition definition, string what, DefinitionWording wording)
    {
        var choices = definition.Choices ?? [];
        if (definition.Type != SettingType.Choice)
        {
            if (choices.Count > 0)
            {
                yield return $"{what} has choices but its type is {definition.Type}{wording.ChoicesOnlyNote}";
            }

            yield break;
        }

        if (choices.Count == 0)
        {
            yield return $"{what} is a {wording.ChoiceKind} without choices";
        }

        if (choices.Any(choice => choice is null || string.IsNullOrEmpty(choice.Value)))
        {
            yield return $"{what} has a choice without a value";
        }

        var duplicates = choices
            .Where(choice => choice is not null && !string.IsNullOrEmpty(choice.Value))
            .GroupBy(choice => choice.Value, StringComparer.Ordinal)
            .Where(group => group.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            yield return $"{what} lists choice '{duplicate.Key}' more than once";
        }
    }
}
