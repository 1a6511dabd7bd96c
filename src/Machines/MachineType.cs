namespace MachineActors.Machines;

/// <summary>
/// A kind of machine, e.g. a label printer (InvenTree's <c>BaseMachineType</c>). Subclasses need a public
/// parameterless constructor: the registry instantiates every non-abstract subclass it finds and checks it with
/// <see cref="MachineTypeValidator"/>. Every member must return the same value each time it is read.
/// </summary>
public abstract class MachineType
{
    /// <summary>Unique identifier matching <c>^[a-z0-9-]+$</c> (attribute <c>SLUG</c>).</summary>
    public abstract string Slug { get; }

    /// <summary>Human-readable name (attribute <c>NAME</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What this kind of machine is (attribute <c>DESCRIPTION</c>).</summary>
    public abstract string Description { get; }

    /// <summary>
    /// The (normally abstract) <see cref="Driver"/> subclass every driver of this type derives from; it declares
    /// the type's driver API and overrides <see cref="Driver.MachineTypeSlug"/> (attribute <c>BASE_DRIVER</c>).
    /// </summary>
    public abstract Type BaseDriver { get; }

    /// <summary>Settings every machine of this type has, config type <c>M</c> (attribute <c>MACHINE_SETTINGS</c>).</summary>
    public virtual IReadOnlyList<SettingDefinition> Settings => [];

    /// <summary>The statuses a machine of this type can be in (attribute <c>MACHINE_STATUS</c>).</summary>
    public abstract MachineStatusSet Statuses { get; }

    /// <summary>The status a machine starts in; a member of <see cref="Statuses"/> (attribute <c>DEFAULT_MACHINE_STATUS</c>).</summary>
    public abstract MachineStatus DefaultStatus { get; }

    /// <summary>
    /// The status set when driver code throws; a member of <see cref="Statuses"/> (attribute <c>ERROR_MACHINE_STATUS</c>).
    /// </summary>
    public abstract MachineStatus ErrorStatus { get; }
}
