namespace MachineActors.Machines;

/// <summary>
/// Marks a driver method as a machine command callable by name (see <see cref="MachineCommandCatalog"/> for the
/// signature rules). Parameters of type <see cref="IMachine"/> and <see cref="CancellationToken"/> are supplied by
/// the caller; every other parameter is a command parameter, mandatory unless it is optional in C#. Describe a
/// parameter with <see cref="System.ComponentModel.DescriptionAttribute"/>.
/// </summary>
/// <example>
/// <code>
/// [MachineCommand("feed", Description = "Feeds blank labels")]
/// public Task Feed(IMachine machine, int count, [Description("Why")] string? reason = null, CancellationToken cancellationToken = default)
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MachineCommandAttribute : Attribute
{
    /// <summary>Marks a command named <paramref name="name"/> (matching <c>^[a-z][a-z0-9_-]*$</c>).</summary>
    public MachineCommandAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The name the command is called by.</summary>
    public string Name { get; }

    /// <summary>What the command does.</summary>
    public string Description { get; set; } = "";
}
