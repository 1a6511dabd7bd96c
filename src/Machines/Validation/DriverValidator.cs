using System.Reflection;

namespace MachineActors.Machines;

/// <summary>
/// Checks a <see cref="Driver"/> instance the way InvenTree's <c>ClassValidationMixin</c> does, returning problems
/// instead of throwing. Attribute names in messages: SLUG, NAME, DESCRIPTION, MACHINE_TYPE, MACHINE_SETTINGS.
/// </summary>
public static class DriverValidator
{
    private const BindingFlags InstanceMethods = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// Everything wrong with <paramref name="driver"/> on its own (attributes, slugs, required overrides, settings,
    /// commands); empty when it is valid. Whether it fits a machine type is <see cref="CheckCompatibility"/>'s question.
    /// </summary>
    public static IReadOnlyList<string> Validate(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        var reader = new AttributeReader(driver);
        var slug = reader.ReadText("SLUG", () => driver.Slug);
        reader.ReadText("NAME", () => driver.Name);
        reader.ReadText("DESCRIPTION", () => driver.Description);
        var machineTypeSlug = reader.ReadText("MACHINE_TYPE", () => driver.MachineTypeSlug);
        var settings = reader.Read("MACHINE_SETTINGS", () => driver.Settings);

        var className = reader.ClassName;
        var problems = reader.Problems();
        if (slug is not null && !Slugs.IsValid(slug))
        {
            problems.Add(ValidationText.InvalidSlug(className, "SLUG", slug));
        }

        if (machineTypeSlug is not null && !Slugs.IsValid(machineTypeSlug))
        {
            problems.Add(ValidationText.InvalidSlug(className, "MACHINE_TYPE", machineTypeSlug));
        }

        problems.AddRange(CheckRequiredOverrides(driver.GetType()));
        if (settings is not null)
        {
            problems.AddRange(SettingDefinitions.Validate(settings).Select(problem => $"'{className}' MACHINE_SETTINGS: {problem}"));
        }

        problems.AddRange(MachineCommandCatalog.For(driver.GetType()).Problems.Select(problem => $"'{className}' commands: {problem}"));
        return problems;
    }

    /// <summary>
    /// Checks every <see cref="RequiresOverrideOfOneOfAttribute"/> on <paramref name="driverType"/> and its base
    /// classes: at least one named method must be overridden by a class more derived than the one carrying the
    /// attribute. Reports "'&lt;Class&gt;' did not override any of the required methods: PrintLabel or PrintLabels",
    /// one problem per unsatisfied group, and names that are not overridable methods of the declaring class.
    /// </summary>
    public static IReadOnlyList<string> CheckRequiredOverrides(Type driverType)
    {
        ArgumentNullException.ThrowIfNull(driverType);
        var problems = new List<string>();
        for (var declaring = driverType; declaring is not null; declaring = declaring.BaseType)
        {
            foreach (var requirement in declaring.GetCustomAttributes<RequiresOverrideOfOneOfAttribute>(inherit: false))
            {
                problems.AddRange(CheckRequirement(driverType, declaring, requirement.MethodNames));
            }
        }

        return problems;
    }

    /// <summary>
    /// Null when <paramref name="driver"/> can drive machines of <paramref name="machineType"/> (same machine type
    /// slug, derived from its base driver), else "'&lt;driver slug&gt;' is incompatible with machine type '&lt;type slug&gt;'".
    /// </summary>
    public static string? CheckCompatibility(Driver driver, MachineType machineType)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(machineType);
        var compatible = string.Equals(driver.MachineTypeSlug, machineType.Slug, StringComparison.Ordinal)
            && machineType.BaseDriver is { } baseDriver
            && baseDriver.IsInstanceOfType(driver);
        return compatible ? null : $"'{driver.Slug}' is incompatible with machine type '{machineType.Slug}'";
    }

    private static IEnumerable<string> CheckRequirement(Type driverType, Type declaring, IReadOnlyList<string> methodNames)
    {
        if (methodNames.Count == 0)
        {
            yield return $"'{declaring.Name}' carries [RequiresOverrideOfOneOf] without method names";
            yield break;
        }

        foreach (var name in methodNames.Where(name => !IsOverridable(declaring, name)))
        {
            yield return $"'{declaring.Name}' requires an override of '{name}', which is not an overridable method of it";
        }

        if (!methodNames.Any(name => IsOverriddenBelow(driverType, declaring, name)))
        {
            yield return ValidationText.MissingOverrides(driverType.Name, methodNames);
        }
    }

    private static bool IsOverridable(Type declaring, string name) =>
        declaring.GetMethods(InstanceMethods).Any(method => method.Name == name && method.IsVirtual && !method.IsFinal);

    // GetMethods returns the most derived override of each virtual slot; it counts when it is declared below
    // `declaring` and overrides a slot introduced at or above it (a `new` method introduces its own slot).
    private static bool IsOverriddenBelow(Type driverType, Type declaring, string name) =>
        driverType.GetMethods(InstanceMethods).Any(method =>
            method.Name == name
            && method.DeclaringType is { } owner
            && owner != declaring
            && declaring.IsAssignableFrom(owner)
            && method.GetBaseDefinition().DeclaringType is { } introducer
            && introducer.IsAssignableFrom(declaring));
}
