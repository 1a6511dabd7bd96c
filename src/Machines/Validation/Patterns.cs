using System.Text.RegularExpressions;

namespace MachineActors.Machines;

/// <summary>The identifier patterns of the SDK. <c>\z</c> instead of <c>$</c>: <c>$</c> also matches before a trailing newline.</summary>
internal static partial class Patterns
{
    public const string SlugText = "^[a-z0-9-]+$";
    public const string UpperCaseKeyText = "^[A-Z][A-Z0-9_]*$";
    public const string CommandNameText = "^[a-z][a-z0-9_-]*$";

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex Slug();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*\z", RegexOptions.CultureInvariant)]
    public static partial Regex UpperCaseKey();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    public static partial Regex CommandName();
}
