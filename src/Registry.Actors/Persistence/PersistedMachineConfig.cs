using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Registry.Persistence;

public sealed record PersistedSetting(string Key, PersistedValue Value);

/// <summary>A <see cref="MachineConfig"/> as stored in the journal.</summary>
public sealed record PersistedMachineConfig(
    Guid Id,
    string Name,
    string MachineType,
    string Driver,
    bool Active,
    string? Placement,
    IReadOnlyList<PersistedSetting> MachineSettings,
    IReadOnlyList<PersistedSetting> DriverSettings)
{
    public static PersistedMachineConfig From(MachineConfig config) => new(
        config.Id, config.Name, config.MachineTypeSlug, config.DriverSlug, config.Active, config.Placement,
        Settings(config.MachineSettings), Settings(config.DriverSettings));

    public MachineConfig ToConfig() => new()
    {
        Id = Id,
        Name = Name,
        MachineTypeSlug = MachineType,
        DriverSlug = Driver,
        Active = Active,
        Placement = Placement,
        MachineSettings = Values(MachineSettings),
        DriverSettings = Values(DriverSettings),
    };

    private static List<PersistedSetting> Settings(ImmutableDictionary<string, object?> settings) =>
        [.. settings.Where(s => s.Value is not null).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new PersistedSetting(s.Key, PersistedValue.From(s.Value)!))];

    private static ImmutableDictionary<string, object?> Values(IReadOnlyList<PersistedSetting> settings) =>
        settings.ToImmutableDictionary(s => s.Key, s => (object?)s.Value.ToValue());
}
