namespace MachineActors.Actors.Cluster.Remote;

/// <summary>One envelope waiting in a peer's send queue; it is encoded by the peer's writer loop.</summary>
internal readonly record struct Outbound(EnvelopeKind Kind, string Recipient, IActorRef? Sender, string? SenderText, object? Message)
{
    public static Outbound User(RemoteActorRef recipient, object message, IActorRef? sender) =>
        new(EnvelopeKind.User, recipient.RecipientText, sender, null, message);

    public static Outbound Watch(RemoteActorRef watchee, IActorRef watcher) =>
        new(EnvelopeKind.Watch, watchee.RecipientText, watcher, null, null);

    public static Outbound Unwatch(RemoteActorRef watchee, IActorRef watcher) =>
        new(EnvelopeKind.Unwatch, watchee.RecipientText, watcher, null, null);

    /// <summary><paramref name="watchee"/> stopped; <paramref name="watcher"/> is on the peer.</summary>
    public static Outbound Terminated(RemoteActorRef watcher, IActorRef watchee, bool existenceConfirmed) =>
        new(EnvelopeKind.Terminated, watcher.RecipientText, watchee, null, existenceConfirmed);

    /// <summary>Answers a watch of an actor that does not exist, naming it exactly as the watcher did.</summary>
    public static Outbound NotFound(RemoteActorRef watcher, string watcheeText) =>
        new(EnvelopeKind.Terminated, watcher.RecipientText, null, watcheeText, false);
}
