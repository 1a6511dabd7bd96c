using Microsoft.Extensions.Logging;

namespace MachineActors.Actors.Cluster.Remote;

internal static partial class RemoteLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Cluster transport listening on {Endpoint} as {Address}")]
    public static partial void Listening(ILogger logger, string endpoint, string address);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Connected to {Peer} ({Direction})")]
    public static partial void Connected(ILogger logger, string peer, string direction);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Connection to {Peer} lost")]
    public static partial void Disconnected(ILogger logger, string peer);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Cannot reach {Peer}: {Reason}; retrying with backoff")]
    public static partial void DialFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Refused a connection from {Remote}: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Disconnected {Peer}, which broke the protocol: {Reason}")]
    public static partial void PeerBrokeProtocol(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Send queue to {Peer} is full ({Capacity} messages): {Dropped} message(s) went to dead letters")]
    public static partial void QueueFull(ILogger logger, string peer, int capacity, long dropped);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Cannot send a {MessageType} to {Peer}: it is not registered for remoting")]
    public static partial void NotRegistered(ILogger logger, string messageType, string peer);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Cannot serialize a {MessageType} for {Peer}: {Reason}")]
    public static partial void SerializationFailed(ILogger logger, string messageType, string peer, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "A {MessageType} for {Peer} is larger than {Limit} bytes; it went to dead letters")]
    public static partial void PayloadTooLarge(ILogger logger, string messageType, string peer, int limit);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "{Peer} is gone ({Reason}); {Watches} watch(es) terminated")]
    public static partial void AddressTerminated(ILogger logger, string peer, string reason, int watches);
}
