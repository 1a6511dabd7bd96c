namespace MachineActors.Machines;

/// <summary>
/// Put on a base driver: every concrete driver must override at least one of the named virtual methods in a class
/// more derived than the one carrying the attribute (an intermediate class counts). Repeat the attribute for several
/// groups; a single name makes that one method required. Checked by <see cref="DriverValidator.CheckRequiredOverrides"/>.
/// </summary>
/// <example><c>[RequiresOverrideOfOneOf(nameof(PrintLabel), nameof(PrintLabels))]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequiresOverrideOfOneOfAttribute : Attribute
{
    /// <summary>Requires an override of at least one of <paramref name="methodNames"/>.</summary>
    public RequiresOverrideOfOneOfAttribute(params string[] methodNames)
    {
        MethodNames = methodNames ?? [];
    }

    /// <summary>The names of the virtual methods of which at least one must be overridden.</summary>
    public IReadOnlyList<string> MethodNames { get; }
}
