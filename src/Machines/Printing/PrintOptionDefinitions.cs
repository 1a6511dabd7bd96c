using System.Text.RegularExpressions;
using MachineActors.Machines;

namespace MachineActors.Machines.Printing;

/// <summary>Checks the printing options a driver declares.</summary>
public static partial class PrintOptionDefinitions
{
    /// <summary>The pattern an option key must match.</summary>
    public const string KeyPattern = "^[a-z][a-z0-9_]*$";

    private static readonly DefinitionWording Wording = new("print option", "Choice option", "");

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

        foreach (var problem in SettingDefinitions.ValidateAllButKey(definition.AsSetting(), Wording))
        {
            yield return problem;
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
