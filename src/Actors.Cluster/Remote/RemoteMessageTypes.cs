using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// The allow-list of message types that may cross the wire, each under a stable manifest name. An inbound
/// message whose manifest is not listed is refused and the connection dropped: bytes from a peer never name
/// a CLR type. <see cref="Status.Failure"/> and <see cref="PoisonPill"/> are always allowed.
/// </summary>
public sealed class RemoteMessageTypes
{
    internal const string FailureManifest = "ma.status-failure";
    internal const string PoisonPillManifest = "ma.poison-pill";

    internal EventTypeRegistry Registry { get; } = new();

    /// <summary>Allows <typeparamref name="T"/> (serialized with System.Text.Json) under <paramref name="manifest"/>.</summary>
    public RemoteMessageTypes Register<T>(string manifest)
    {
        if (manifest.StartsWith("ma.", StringComparison.Ordinal))
        {
            throw new ArgumentException("Manifests starting with 'ma.' are reserved for the runtime.", nameof(manifest));
        }
        Registry.Register<T>(manifest);
        return this;
    }

    public bool IsAllowed(Type type) =>
        type == typeof(Status.Failure) || type == typeof(PoisonPill) || Registry.TryGetManifest(type, out _);
}
