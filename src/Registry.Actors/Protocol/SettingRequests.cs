using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Every setting of a machine, the machine type's first; replies <see cref="SettingsResult"/>.</summary>
public sealed record GetMachineSettings(Guid Id) : IRegistryRequest;

public sealed record SettingsResult(Guid MachineId, IReadOnlyList<SettingView> Settings);

/// <summary>One setting of a machine; replies <see cref="SettingResult"/>, or NotFound for an undeclared key. Reading never stores anything.</summary>
public sealed record GetMachineSetting(Guid Id, SettingConfigType Type, string Key) : IRegistryRequest;

public sealed record SettingResult(Guid MachineId, SettingView Setting);

/// <summary>
/// Validates and stores one setting value, then calls the driver's UpdateMachine with the old state; replies
/// <see cref="SettingResult"/>. A bad value is InvalidArgument and changes nothing.
/// </summary>
public sealed record SetMachineSetting(Guid Id, SettingConfigType Type, string Key, object? Value) : IRegistryRequest;
