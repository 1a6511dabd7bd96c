using System.Text.Json;

namespace MachineActors.Actors.Persistence.Serialization;

/// <summary>
/// Turns registered payloads into (manifest, JSON bytes) and back with System.Text.Json. Writes of
/// unregistered types and payloads over <see cref="MaxPayloadBytes"/> are refused; reads of unknown
/// manifests fail with a clear error naming where the bytes came from.
/// </summary>
public sealed class EventSerializer(EventTypeRegistry registry, int maxPayloadBytes, JsonSerializerOptions? jsonOptions = null)
{
    private readonly JsonSerializerOptions _json = jsonOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.General);

    public int MaxPayloadBytes { get; } = maxPayloadBytes > 0
        ? maxPayloadBytes
        : throw new ArgumentOutOfRangeException(nameof(maxPayloadBytes), "The maximum payload size must be positive.");

    public EventTypeRegistry Registry { get; } = registry;

    public SerializedPayload Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = payload.GetType();
        if (!Registry.TryGetManifest(type, out var manifest))
        {
            throw new PersistenceSerializationException(
                $"{type.FullName} is not a registered persistent type; register it with EventTypeRegistry.Register<{type.Name}>(\"<manifest>\").");
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, type, _json);
        if (bytes.Length > MaxPayloadBytes)
        {
            throw new PersistenceSerializationException(
                $"A {manifest} payload of {bytes.Length:N0} bytes is larger than the limit of {MaxPayloadBytes:N0} bytes.");
        }
        return new SerializedPayload(manifest, bytes);
    }

    /// <param name="source">Where the bytes came from, for the error message (e.g. "printer-7 #12").</param>
    public object Deserialize(string manifest, ReadOnlySpan<byte> bytes, string source)
    {
        if (!Registry.TryGetType(manifest, out var type))
        {
            throw new PersistenceSerializationException(
                $"Unknown manifest '{manifest}' in {source}: no type is registered for it, so it cannot be recovered.");
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, type, _json)
                ?? throw new PersistenceSerializationException($"The {manifest} payload in {source} is JSON null.");
        }
        catch (JsonException e)
        {
            throw new PersistenceSerializationException($"The {manifest} payload in {source} is not valid: {e.Message}", e);
        }
    }
}
