namespace MachineActors.Machines.Printing;

/// <summary>The outcome of <see cref="PrintOptions.Parse"/>: the options, or every reason they were rejected.</summary>
/// <param name="Options">The parsed options; null when there are errors.</param>
/// <param name="Errors">One message per rejected option, e.g. <c>copies: 'abc' is not a valid integer</c>; empty on success.</param>
public sealed record PrintOptionsParseResult(PrintOptions? Options, IReadOnlyList<string> Errors)
{
    /// <summary>Whether every given option was valid.</summary>
    public bool IsValid => Errors.Count == 0;
}
