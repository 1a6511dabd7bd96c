using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Writes a registered message as (manifest, length-prefixed JSON) straight into a frame and reads it back.
/// Actor references inside messages travel as full paths and come back as local or remote references.
/// </summary>
internal sealed class MessageSerializer
{
    private readonly RemoteMessageTypes _types;
    private readonly JsonSerializerOptions _json;

    public MessageSerializer(RemoteMessageTypes types, JsonConverter<IActorRef> actorRefs)
    {
        _types = types;
        _json = new JsonSerializerOptions(JsonSerializerDefaults.General) { MaxDepth = 32 };
        _json.Converters.Add(actorRefs);
        _json.MakeReadOnly(populateMissingResolver: true);
    }

    public bool IsAllowed(Type type) => _types.IsAllowed(type);

    /// <summary>Appends the manifest and the payload; false (nothing kept) when the payload exceeds <paramref name="maximumPayload"/>.</summary>
    public bool TryWrite(FrameBuffer frame, Utf8JsonWriter writer, object message, int maximumPayload)
    {
        var start = frame.Length;
        switch (message)
        {
            case PoisonPill:
                frame.WriteString(RemoteMessageTypes.PoisonPillManifest);
                frame.PatchLength(frame.ReserveLength());
                return true;
            case Status.Failure failure:
                frame.WriteString(RemoteMessageTypes.FailureManifest);
                message = new FailureSurrogate(failure.Cause.GetType().FullName ?? "Exception", failure.Cause.Message);
                break;
            default:
                if (!_types.Registry.TryGetManifest(message.GetType(), out var manifest))
                {
                    throw new InvalidOperationException($"{message.GetType().FullName} is not registered for remoting.");
                }
                frame.WriteString(manifest);
                break;
        }
        var at = frame.ReserveLength();
        writer.Reset(frame);
        JsonSerializer.Serialize(writer, message, message.GetType(), _json);
        writer.Flush();
        if (frame.PatchLength(at) > maximumPayload)
        {
            frame.Truncate(start);
            return false;
        }
        return true;
    }

    public object Read(string manifest, ReadOnlySpan<byte> payload)
    {
        switch (manifest)
        {
            case RemoteMessageTypes.PoisonPillManifest:
                return PoisonPill.Instance;
            case RemoteMessageTypes.FailureManifest:
                var failure = Deserialize<FailureSurrogate>(payload, manifest);
                return new Status.Failure(new RemoteFailureException(failure.Type, failure.Message));
        }
        if (!_types.Registry.TryGetType(manifest, out var type))
        {
            throw new ClusterProtocolException($"Unknown message manifest '{(manifest.Length > 80 ? manifest[..80] : manifest)}'.");
        }
        try
        {
            return JsonSerializer.Deserialize(payload, type, _json)
                ?? throw new ClusterProtocolException($"The '{manifest}' payload is JSON null.");
        }
        catch (JsonException e)
        {
            throw new ClusterProtocolException($"The '{manifest}' payload is not valid: {e.Message}");
        }
    }

    private T Deserialize<T>(ReadOnlySpan<byte> payload, string manifest)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(payload, _json) ?? throw new ClusterProtocolException($"The '{manifest}' payload is JSON null.");
        }
        catch (JsonException e)
        {
            throw new ClusterProtocolException($"The '{manifest}' payload is not valid: {e.Message}");
        }
    }

    private sealed record FailureSurrogate(string Type, string Message);
}
