namespace MachineActors.Machines;

/// <summary>The rule for machine type and driver slugs.</summary>
public static class Slugs
{
    /// <summary>The pattern a slug must match, as shown in error messages.</summary>
    public const string Pattern = Patterns.SlugText;

    /// <summary>Whether <paramref name="slug"/> is lower-case letters, digits and '-' only (and not empty).</summary>
    public static bool IsValid(string? slug) => slug is not null && Patterns.Slug().IsMatch(slug);
}
