using System.Runtime.CompilerServices;

namespace MachineActors.Machines;

/// <summary>
/// The commands of one driver type, read once from its <see cref="MachineCommandAttribute"/> methods and cached
/// (without keeping a collectible plugin type alive). A command method is an instance method (any accessibility,
/// declared on the driver or a base class) returning <see cref="Task"/> or <see cref="Task{TResult}"/>; besides
/// optional <see cref="IMachine"/> and <see cref="CancellationToken"/> parameters it takes only string, bool, int
/// or double parameters (optionally nullable), none named <c>command</c>. Methods breaking these rules, and
/// duplicate names, are left out and listed in <see cref="Problems"/>.
/// </summary>
public sealed class MachineCommandCatalog
{
    private static readonly ConditionalWeakTable<Type, MachineCommandCatalog> Catalogs = [];

    private readonly Dictionary<string, CommandMethod> _methods;

    private MachineCommandCatalog(Type driverType)
    {
        var (methods, problems) = CommandScanner.Scan(driverType);
        _methods = methods.ToDictionary(method => method.Definition.Name, StringComparer.Ordinal);
        DriverType = driverType;
        Definitions = methods.Select(method => method.Definition).OrderBy(definition => definition.Name, StringComparer.Ordinal).ToArray();
        Problems = problems;
    }

    /// <summary>The driver type the commands were read from.</summary>
    public Type DriverType { get; }

    /// <summary>The valid commands, ordered by name.</summary>
    public IReadOnlyList<MachineCommandDefinition> Definitions { get; }

    /// <summary>Why marked methods were left out; empty when all are valid.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The catalog of <paramref name="driverType"/>, a <see cref="Driver"/> subclass.</summary>
    public static MachineCommandCatalog For(Type driverType)
    {
        ArgumentNullException.ThrowIfNull(driverType);
        if (!typeof(Driver).IsAssignableFrom(driverType))
        {
            throw new ArgumentException($"'{driverType.Name}' does not derive from {nameof(Driver)}.", nameof(driverType));
        }

        return Catalogs.GetValue(driverType, static type => new MachineCommandCatalog(type));
    }

    /// <summary>The command named <paramref name="name"/> (case-sensitive), or null.</summary>
    public MachineCommandDefinition? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _methods.GetValueOrDefault(name)?.Definition;
    }

    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="driver"/> for <paramref name="machine"/>. The returned task
    /// fails with <see cref="MachineCommandException"/> for an unknown command, missing mandatory parameters or an
    /// invalid argument (checked in that order, before the command runs); with whatever the command throws otherwise.
    /// Its result is the command's <see cref="Task{TResult}"/> result, or null for a plain <see cref="Task"/>.
    /// </summary>
    public Task<object?> Invoke(
        Driver driver,
        IMachine machine,
        string command,
        IReadOnlyDictionary<string, object?> arguments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!DriverType.IsInstanceOfType(driver))
        {
            throw new ArgumentException($"The driver is a '{driver.GetType().Name}', not a '{DriverType.Name}'.", nameof(driver));
        }

        if (!_methods.TryGetValue(command, out var method))
        {
            return Task.FromException<object?>(
                new MachineCommandException(MachineCommandError.UnknownCommand, command, $"Unknown command '{command}'"));
        }

        return method.Invoke(driver, machine, arguments, cancellationToken);
    }
}
