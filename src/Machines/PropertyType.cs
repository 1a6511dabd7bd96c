namespace MachineActors.Machines;

/// <summary>How a machine property is rendered (InvenTree's <c>str</c>, <c>bool</c>, <c>progress</c>, <c>int</c>, <c>float</c>).</summary>
public enum PropertyType
{
    /// <summary>Text (<c>str</c>).</summary>
    String,

    /// <summary>A flag (<c>bool</c>).</summary>
    Bool,

    /// <summary>A progress bar from 0 to <see cref="MachineProperty.MaxProgress"/> (<c>progress</c>).</summary>
    Progress,

    /// <summary>A whole number (<c>int</c>).</summary>
    Int,

    /// <summary>A number (<c>float</c>).</summary>
    Float,
}
