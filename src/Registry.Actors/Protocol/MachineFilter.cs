namespace MachineActors.Registry;

/// <summary>
/// Which machines <see cref="GetMachines"/> returns; null criteria match everything. By default only initialised
/// machines (as InvenTree's <c>get_machines</c>); <see cref="All"/> matches every machine.
/// </summary>
public sealed record MachineFilter
{
    /// <summary>The filter names <see cref="Parse"/> accepts.</summary>
    public static readonly IReadOnlyList<string> FieldNames = ["name", "machine_type", "driver", "active", "initialized"];

    /// <summary>Every machine, initialised or not.</summary>
    public static MachineFilter All { get; } = new() { Initialized = null };

    /// <summary>Exact machine name.</summary>
    public string? Name { get; init; }

    /// <summary>Machine type slug (machines of this type; InvenTree's filter is inverted, this one is not).</summary>
    public string? MachineType { get; init; }

    /// <summary>Driver slug.</summary>
    public string? Driver { get; init; }

    /// <summary>Whether the machine is enabled.</summary>
    public bool? Active { get; init; }

    /// <summary>Whether the machine is initialised; null for all. Defaults to true.</summary>
    public bool? Initialized { get; init; } = true;

    /// <summary>Whether <paramref name="machine"/> passes every criterion.</summary>
    public bool Matches(MachineRecord machine) =>
        Matches(machine.Config.Name, machine.Config.MachineTypeSlug, machine.Config.DriverSlug, machine.Config.Active, machine.State.Initialized);

    /// <summary>Whether a machine as another node described it passes every criterion.</summary>
    public bool Matches(MachineView machine) =>
        Matches(machine.Name, machine.MachineType, machine.Driver, machine.Active, machine.Initialized);

    private bool Matches(string name, string machineType, string driver, bool active, bool initialized) =>
        (Name is null || Name == name)
        && (MachineType is null || MachineType == machineType)
        && (Driver is null || Driver == driver)
        && (Active is null || Active == active)
        && (Initialized is null || Initialized == initialized);

    /// <summary>
    /// Builds a filter from query parameters named as in InvenTree (<c>name</c>, <c>machine_type</c>, <c>driver</c>,
    /// <c>active</c>, <c>initialized</c>; <c>initialized=null</c> or <c>all</c> for all machines). An unknown name or a
    /// flag that is not true or false fails with <see cref="RegistryOperationException"/>, whether or not any machine exists.
    /// </summary>
    public static MachineFilter Parse(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var filter = new MachineFilter();
        foreach (var (key, value) in parameters)
        {
            filter = key switch
            {
                "name" => filter with { Name = value },
                "machine_type" => filter with { MachineType = value },
                "driver" => filter with { Driver = value },
                "active" => filter with { Active = Flag(key, value) },
                "initialized" => filter with { Initialized = value is "null" or "all" ? null : Flag(key, value) },
                _ => throw new RegistryOperationException(
                    RegistryErrorKind.InvalidArgument, $"'{key}' is not a valid filter field for registry.get_machines."),
            };
        }
        return filter;
    }

    private static bool Flag(string key, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new RegistryOperationException(RegistryErrorKind.InvalidArgument, $"Filter '{key}' must be true or false, not '{value}'."),
    };
}
