using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Writes a registered message as (manifest, length-prefixed JSON) straight into a frame and reads it back.
/// Actor references inside messages travel as full paths and come back as local or remote references. The cause of a
/// <see cref="Status.Failure"/> travels as its type name and message, plus a code when its type is registered with
/// <see cref="RemoteMessageTypes.RegisterFailure{TException}"/>.
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
        foreach (var converter in types.TakeConverters())
        {
            _json.Converters.Add(converter);
        }
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
                message = Surrogate(failure.Cause);
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
                return new Status.Failure(Rebuild(Deserialize<FailureSurrogate>(payload, manifest)));
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
        catch (Exception e) when (IsInvalidPayload(e))
        {
            throw new ClusterProtocolException($"The '{manifest}' payload is not valid: {e.Message}");
        }
    }

    /// <summary>
    /// What reading a peer's payload throws when the payload is at fault: malformed JSON, and whatever a message's
    /// constructor, setters or converters throw for values they refuse (System.Text.Json does not wrap those).
    /// </summary>
    private static bool IsInvalidPayload(Exception e) =>
        e is JsonException or ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException;

    private FailureSurrogate Surrogate(Exception cause)
    {
        var type = cause.GetType().FullName ?? "Exception";
        if (!_types.TryGetFailure(cause.GetType(), out var registered))
        {
            return new FailureSurrogate(type, cause.Message);
        }
        try
        {
            return new FailureSurrogate(type, cause.Message, registered.Manifest, registered.ToCode(cause));
        }
        catch (Exception)
        {
            // Documented: a cause that cannot be coded still fails the ask, as an unregistered one would.
            return new FailureSurrogate(type, cause.Message);
        }
    }

    private Exception Rebuild(FailureSurrogate failure)
    {
        if (failure.Manifest is { } manifest && failure.Code is { } code && _types.TryGetFailure(manifest, out var registered))
        {
            try
            {
                return registered.Rebuild(code, failure.Message);
            }
            catch (Exception)
            {
                // Documented: a code this node cannot rebuild (e.g. from a newer peer) arrives as a RemoteFailureException.
            }
        }
        return new RemoteFailureException(failure.Type, failure.Message);
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

    /// <summary>
    /// The cause of a failure on the wire. <see cref="Manifest"/> and <see cref="Code"/> are set for a registered
    /// failure type only, and a peer that does not know them ignores them.
    /// </summary>
    private sealed record FailureSurrogate(string Type, string Message, string? Manifest = null, string? Code = null);
}
