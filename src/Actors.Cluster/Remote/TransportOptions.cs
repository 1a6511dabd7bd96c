namespace MachineActors.Actors.Cluster.Remote;

/// <summary>Every tunable of the node-to-node transport, with its default, in one place.</summary>
public sealed record TransportOptions
{
    /// <summary>The path of the WebSocket endpoint on the cluster port.</summary>
    public const string EndpointPath = "/cluster";

    /// <summary>The host name or IP address this node listens on and that other nodes dial.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The cluster port; 0 picks a free port (tests).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The host other nodes dial when it is not <see cref="Host"/> (a NAT, a load balancer or a proxy in between): this
    /// node's cluster address, in the member table and in the handshake, names it instead. Null: <see cref="Host"/>.
    /// </summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>The port other nodes dial when it is not the one this node listens on. Null: the listening port.</summary>
    public int? AdvertisedPort { get; init; }

    /// <summary>
    /// The shared cluster secret. Both sides of a connection prove they know it (HMAC-SHA256 over fresh
    /// nonces) before any message is accepted; it is never sent. At least 16 characters.
    /// </summary>
    public string Secret { get; init; } = string.Empty;

    /// <summary>The largest WebSocket message accepted from a peer; a peer that sends more is disconnected.</summary>
    public int MaximumFrameSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest single message payload; a bigger outbound message goes to dead letters.</summary>
    public int MaximumPayloadSize { get; init; } = 1024 * 1024;

    /// <summary>Messages waiting per peer; a message that finds the queue full goes to dead letters with a log line.</summary>
    public int SendQueueCapacity { get; init; } = 100_000;

    /// <summary>Outbound messages are packed into one WebSocket message of about this many bytes.</summary>
    public int BatchBytes { get; init; } = 64 * 1024;

    /// <summary>How long a new connection may take to prove the secret before it is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before dialing a lost peer again; it doubles up to <see cref="ReconnectMaxBackoff"/>.</summary>
    public TimeSpan ReconnectMinBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>WebSocket keep-alive pings, so a half-open connection is noticed.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The cluster port must be 0-65535.");
        }
        if (AdvertisedPort is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(AdvertisedPort), AdvertisedPort, "The advertised cluster port must be 1-65535.");
        }
        if (AdvertisedHost is not null && string.IsNullOrWhiteSpace(AdvertisedHost))
        {
            throw new ArgumentException("The advertised host must not be blank (leave it unset to advertise Host).", nameof(AdvertisedHost));
        }
        if (string.IsNullOrEmpty(Secret) || Secret.Length < 16)
        {
            throw new ArgumentException("The cluster secret must be at least 16 characters.", nameof(Secret));
        }
        if (MaximumPayloadSize < 1024 || MaximumFrameSize < MaximumPayloadSize + 4096)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaximumFrameSize), "The maximum payload must be at least 1 KiB and the maximum frame 4 KiB larger than it.");
        }
        if (SendQueueCapacity < 1 || BatchBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(SendQueueCapacity), "The send queue needs room for a message and a batch at least 1 KiB.");
        }
        if (HandshakeTimeout <= TimeSpan.Zero || ReconnectMinBackoff <= TimeSpan.Zero || ReconnectMaxBackoff < ReconnectMinBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(HandshakeTimeout), "Timeouts and backoffs must be positive, the maximum backoff no less than the minimum.");
        }
    }
}
