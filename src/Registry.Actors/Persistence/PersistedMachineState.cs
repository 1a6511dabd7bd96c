using System.Collections.Immutable;
using MachineActors.Machines;

namespace MachineActors.Registry.Persistence;

public sealed record PersistedProperty(string Key, PersistedValue? Value, string? Group, PropertyType Type, int? MaxProgress);

/// <summary>A <see cref="StoredMachineState"/> as stored in the journal.</summary>
public sealed record PersistedMachineState(int? StatusCode, string StatusText, IReadOnlyList<string> Errors, IReadOnlyList<PersistedProperty> Properties, bool RestartRequired)
{
    public static PersistedMachineState From(StoredMachineState state) => new(
        state.StatusCode, state.StatusText, state.Errors,
        [.. state.Properties.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PersistedProperty(p.Key, PersistedValue.From(p.Value), p.Group, p.Type, p.MaxProgress))],
        state.RestartRequired);

    public StoredMachineState ToState() => new(
        StatusCode, StatusText, [.. Errors],
        Properties.ToImmutableDictionary(p => p.Key, p => new MachineProperty(p.Key, p.Value?.ToValue(), p.Group, p.Type, p.MaxProgress)),
        RestartRequired);
}
