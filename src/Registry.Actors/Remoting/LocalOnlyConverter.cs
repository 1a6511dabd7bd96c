using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Registry.Remoting;

/// <summary>
/// A type that must not cross the wire: only null is written (System.Text.Json writes null itself); any value fails
/// the send, which the transport logs and sends to dead letters, and a value from a peer is refused.
/// </summary>
internal sealed class LocalOnlyConverter<T>(string reason) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException($"{typeof(T).Name} does not cross the wire: {reason}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} does not cross the wire: {reason}.");
}
