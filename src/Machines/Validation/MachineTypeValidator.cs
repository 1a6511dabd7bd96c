namespace MachineActors.Machines;

/// <summary>
/// Checks a <see cref="MachineType"/> instance the way InvenTree's <c>ClassValidationMixin</c> does, returning
/// problems instead of throwing. Attribute names in messages: SLUG, NAME, DESCRIPTION, BASE_DRIVER, MACHINE_STATUS,
/// DEFAULT_MACHINE_STATUS, ERROR_MACHINE_STATUS, MACHINE_SETTINGS.
/// </summary>
public static class MachineTypeValidator
{
    /// <summary>
    /// Everything wrong with <paramref name="machineType"/>; empty when it is valid. Null or blank attributes are
    /// reported together as "'&lt;ClassName&gt;' did not override the required attributes: SLUG, NAME".
    /// </summary>
    public static IReadOnlyList<string> Validate(MachineType machineType)
    {
        ArgumentNullException.ThrowIfNull(machineType);
        var reader = new AttributeReader(machineType);
        var slug = reader.ReadText("SLUG", () => machineType.Slug);
        reader.ReadText("NAME", () => machineType.Name);
        reader.ReadText("DESCRIPTION", () => machineType.Description);
        var baseDriver = reader.Read("BASE_DRIVER", () => machineType.BaseDriver);
        var statuses = reader.Read("MACHINE_STATUS", () => machineType.Statuses);
        var defaultStatus = reader.Read("DEFAULT_MACHINE_STATUS", () => machineType.DefaultStatus);
        var errorStatus = reader.Read("ERROR_MACHINE_STATUS", () => machineType.ErrorStatus);
        var settings = reader.Read("MACHINE_SETTINGS", () => machineType.Settings);

        var className = reader.ClassName;
        var problems = reader.Problems();
        if (slug is not null && !Slugs.IsValid(slug))
        {
            problems.Add(ValidationText.InvalidSlug(className, "SLUG", slug));
        }

        if (baseDriver is not null && !typeof(Driver).IsAssignableFrom(baseDriver))
        {
            problems.Add($"'{className}' BASE_DRIVER '{baseDriver.Name}' does not derive from {nameof(Driver)}");
        }

        if (statuses is not null)
        {
            problems.AddRange(statuses.Validate().Select(problem => $"'{className}' MACHINE_STATUS: {problem}"));
            problems.AddRange(CheckMember(className, "DEFAULT_MACHINE_STATUS", defaultStatus, statuses));
            problems.AddRange(CheckMember(className, "ERROR_MACHINE_STATUS", errorStatus, statuses));
        }

        if (settings is not null)
        {
            problems.AddRange(SettingDefinitions.Validate(settings).Select(problem => $"'{className}' MACHINE_SETTINGS: {problem}"));
        }

        return problems;
    }

    private static IEnumerable<string> CheckMember(string className, string attribute, MachineStatus? status, MachineStatusSet statuses)
    {
        if (status is not null && !statuses.Contains(status))
        {
            yield return $"'{className}' {attribute} {status} is not in its MACHINE_STATUS set";
        }
    }
}
