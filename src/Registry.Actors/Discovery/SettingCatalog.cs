using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>The settings one machine type or driver declares, in declaration order and by key.</summary>
internal sealed class SettingCatalog
{
    private readonly Dictionary<string, SettingDefinition> _byKey;

    public SettingCatalog(IReadOnlyList<SettingDefinition> definitions)
    {
        All = definitions;
        _byKey = new Dictionary<string, SettingDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            _byKey.TryAdd(definition.Key, definition);
        }
    }

    public static SettingCatalog Empty { get; } = new([]);

    public IReadOnlyList<SettingDefinition> All { get; }

    public SettingDefinition? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The required keys without a stored value or a default, in declaration order.</summary>
    public IReadOnlyList<string> MissingKeys(IReadOnlyDictionary<string, object?> values) => SettingValue.MissingKeys(All, values);
}
