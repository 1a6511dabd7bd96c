namespace MachineActors.Machines;

/// <summary>
/// How <see cref="SettingDefinitions"/> words a problem with a declaration: settings and print options share the checks,
/// not every phrase.
/// </summary>
/// <param name="Noun">What a declaration is called, e.g. "setting".</param>
/// <param name="ChoiceKind">What a declaration of type Choice is called, e.g. "Choice setting".</param>
/// <param name="ChoicesOnlyNote">Appended to the problem of choices on a declaration that is not of type Choice.</param>
internal sealed record DefinitionWording(string Noun, string ChoiceKind, string ChoicesOnlyNote)
{
    /// <summary>The wording for settings.</summary>
    public static DefinitionWording Setting { get; } = new("setting", "Choice setting", " (only Choice settings have choices)");
}
