namespace MachineActors.Machines;

/// <summary>The colour a user interface renders a <see cref="MachineStatus"/> in (Bootstrap's contextual colours).</summary>
public enum StatusColour
{
    Primary,
    Secondary,
    Success,
    Info,
    Warning,
    Danger,
}
