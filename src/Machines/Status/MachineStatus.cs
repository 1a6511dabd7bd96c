namespace MachineActors.Machines;

/// <summary>
/// One status a machine of some type can be in, e.g. <c>new(100, "CONNECTED", "Connected", StatusColour.Success)</c>.
/// </summary>
/// <param name="Code">100-599; the hundreds digit is the <see cref="StatusRange"/>.</param>
/// <param name="Name">Upper-case identifier, unique within its set, e.g. <c>NO_MEDIA</c>.</param>
/// <param name="Label">Human-readable text, e.g. <c>No media</c>.</param>
/// <param name="Colour">How a user interface renders it.</param>
public sealed record MachineStatus(int Code, string Name, string Label, StatusColour Colour)
{
    /// <summary>What the code says about the machine.</summary>
    public StatusRange Range => StatusRanges.Classify(Code);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Code})";
}
