namespace MachineActors.Registry;

/// <summary>Whether the registry is ready and its errors; replies <see cref="RegistryStatusResult"/>.</summary>
public sealed record GetRegistryStatus : IRegistryRequest
{
    public static readonly GetRegistryStatus Instance = new();
}

public sealed record RegistryStatusResult(int Generation, bool Ready, IReadOnlyList<RegistryError> Errors);

/// <summary>The registered machine types; replies <see cref="MachineTypesResult"/>.</summary>
public sealed record GetMachineTypes : IRegistryRequest
{
    public static readonly GetMachineTypes Instance = new();
}

public sealed record MachineTypesResult(IReadOnlyList<MachineTypeView> MachineTypes);

/// <summary>The registered drivers, optionally of one machine type, with their errors; replies <see cref="DriversResult"/>.</summary>
public sealed record GetDrivers(string? MachineType = null) : IRegistryRequest;

public sealed record DriversResult(IReadOnlyList<DriverView> Drivers);

/// <summary>
/// Calls a driver-specific function (a machine command) by name with arguments on a running machine; replies
/// <see cref="MachineFunctionResult"/>. An unknown function, a missing parameter or a bad argument is InvalidArgument;
/// an exception from the function is DriverFailure and fails the machine like any driver exception.
/// </summary>
public sealed record CallMachineFunction(Guid Id, string Function, IReadOnlyDictionary<string, object?> Arguments) : IRegistryRequest;

public sealed record MachineFunctionResult(Guid MachineId, string Function, object? Value);

/// <summary>
/// Reloads the registry, with new options when given (e.g. plugins enabled or disabled): stops every machine and
/// driver, unloads the plugins and runs the three stages again. Replies <see cref="RegistryReloaded"/> when ready.
/// </summary>
public sealed record ReloadRegistry(RegistryOptions? Options = null) : IRegistryRequest;

public sealed record RegistryReloaded(int Generation);
