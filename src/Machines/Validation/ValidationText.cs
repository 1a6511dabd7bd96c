namespace MachineActors.Machines;

/// <summary>The wording of validation problems shared by the validators.</summary>
internal static class ValidationText
{
    public static string MissingAttributes(string className, IEnumerable<string> attributes) =>
        $"'{className}' did not override the required attributes: {string.Join(", ", attributes)}";

    public static string MissingOverrides(string className, IEnumerable<string> methodNames) =>
        $"'{className}' did not override any of the required methods: {string.Join(" or ", methodNames)}";

    public static string InvalidSlug(string className, string attribute, string value) =>
        $"'{className}' {attribute} '{value}' must match {Slugs.Pattern}";
}
