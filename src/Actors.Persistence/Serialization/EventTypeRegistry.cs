namespace MachineActors.Actors.Persistence.Serialization;

/// <summary>
/// The explicit list of types that may be persisted, each under a stable manifest name. Only these
/// types are ever created from stored bytes: a manifest is looked up here, never resolved as a CLR
/// type name, so a database row cannot make the process load an arbitrary type.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/> (e.g. "machine-added.v1").</summary>
    public EventTypeRegistry Register<T>(string manifest) => Register(typeof(T), manifest);

    public EventTypeRegistry Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        lock (_byManifest)
        {
            if (_byManifest.TryGetValue(manifest, out var existing) && existing != type)
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for {existing.FullName}.", nameof(manifest));
            }
            if (_byType.TryGetValue(type, out var existingManifest) && existingManifest != manifest)
            {
                throw new ArgumentException($"{type.FullName} is already registered as '{existingManifest}'.", nameof(type));
            }
            _byManifest[manifest] = type;
            _byType[type] = manifest;
        }
        return this;
    }

    public bool TryGetManifest(Type type, out string manifest)
    {
        lock (_byManifest)
        {
            return _byType.TryGetValue(type, out manifest!);
        }
    }

    public bool TryGetType(string manifest, out Type type)
    {
        lock (_byManifest)
        {
            return _byManifest.TryGetValue(manifest, out type!);
        }
    }
}
