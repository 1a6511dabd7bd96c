using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>Actor references inside remote messages travel as full paths with their uid.</summary>
internal sealed class ActorRefJsonConverter(RemoteTransport transport) : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var text = reader.GetString() ?? throw new JsonException("An actor reference must be a path string.");
        return transport.ResolveFull(text) ?? throw new JsonException("An actor reference is not a valid actor path.");
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value is RemoteActorRef remote ? remote.FullText : WirePath.Full(value.Path));
}
