namespace MachineActors.Machines;

/// <summary>A command a driver offers for its machines.</summary>
/// <param name="Name">The name callers use.</param>
/// <param name="Description">What the command does.</param>
/// <param name="Parameters">Its parameters in declaration order.</param>
public sealed record MachineCommandDefinition(string Name, string Description, IReadOnlyList<MachineCommandParameter> Parameters)
{
    /// <summary>The names of the parameters callers must supply.</summary>
    public IReadOnlyList<string> MandatoryParameters => Parameters.Where(p => p.Required).Select(p => p.Name).ToArray();

    /// <summary>
    /// The mandatory parameters absent from <paramref name="suppliedNames"/> (presence counts, even with a null
    /// value; extra names are ignored, as in OctoPrint).
    /// </summary>
    public IReadOnlyList<string> MissingParameters(IEnumerable<string> suppliedNames)
    {
        ArgumentNullException.ThrowIfNull(suppliedNames);
        var supplied = suppliedNames.ToHashSet(StringComparer.Ordinal);
        return MandatoryParameters.Where(name => !supplied.Contains(name)).ToArray();
    }

    /// <summary>Equal when name, description and the parameters (in order) are equal.</summary>
    public bool Equals(MachineCommandDefinition? other) =>
        other is not null
        && Name == other.Name
        && Description == other.Description
        && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Description, Parameters.Count);
}
