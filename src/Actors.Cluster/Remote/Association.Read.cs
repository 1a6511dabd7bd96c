using System.Buffers;
using System.Net.WebSockets;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Cluster.Remote;

internal sealed partial class Association
{
    private const int RefCacheLimit = 10_000;

    /// <summary>
    /// Reads whole WebSocket messages (at most MaximumFrameSize) and delivers their envelopes in order. A peer
    /// that breaks the protocol (oversized or malformed frame, unknown manifest, text) is disconnected and logged;
    /// this node carries on.
    /// </summary>
    private async Task ReadLoopAsync(Connection connection)
    {
        var maximum = _transport.Options.MaximumFrameSize;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var recipients = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var senders = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        try
        {
            while (!connection.IsClosed)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= maximum)
                        {
                            throw new ClusterProtocolException($"A frame is larger than the maximum of {maximum:N0} bytes.");
                        }
                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(maximum, buffer.Length * 2));
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var room = Math.Min(buffer.Length, maximum) - count;
                    result = await connection.Socket.ReceiveAsync(buffer.AsMemory(count, room), _stopping).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        connection.Close();
                        return;
                    }
                    if (result.MessageType != WebSocketMessageType.Binary)
                    {
                        throw new ClusterProtocolException("The peer sent a text frame.");
                    }
                    count += result.Count;
                    if (count >= maximum && !result.EndOfMessage)
                    {
                        throw new ClusterProtocolException($"A frame is larger than the maximum of {maximum:N0} bytes.");
                    }
                }
                while (!result.EndOfMessage);
                Deliver(buffer.AsSpan(0, count), recipients, senders);
                if (recipients.Count > RefCacheLimit)
                {
                    recipients.Clear();
                }
                if (senders.Count > RefCacheLimit)
                {
                    senders.Clear();
                }
            }
        }
        catch (ClusterProtocolException e)
        {
            RemoteLog.PeerBrokeProtocol(_log, Remote.ToString(), e.Message);
            await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "protocol violation").ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            connection.Close();
        }
        catch (Exception e)
        {
            // Whatever else a peer's bytes provoke must end this connection, never the dial loop or the node.
            RemoteLog.PeerBrokeProtocol(_log, Remote.ToString(), $"unexpected {e.GetType().Name}: {e.Message}");
            connection.Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(ReadOnlySpan<byte> frame, Dictionary<string, IActorRef> recipients, Dictionary<string, IActorRef> senders)
    {
        var reader = new FrameReader(frame);
        while (!reader.IsEnd)
        {
            var kind = (EnvelopeKind)reader.ReadByte();
            var recipientText = reader.ReadString();
            var senderText = reader.ReadString();
            switch (kind)
            {
                case EnvelopeKind.User:
                    var manifest = reader.ReadString();
                    var message = _transport.Serializer.Read(manifest, reader.ReadLengthPrefixed());
                    var sender = senderText.Length == 0 ? null : Sender(senders, senderText);
                    if (Recipient(recipients, recipientText) is { } recipient)
                    {
                        recipient.Tell(message, sender);
                    }
                    else
                    {
                        _transport.DeadLetter(message, sender);
                    }
                    break;
                case EnvelopeKind.Watch:
                    OnWatch(recipientText, RemoteSender(senders, senderText), watch: true);
                    break;
                case EnvelopeKind.Unwatch:
                    OnWatch(recipientText, RemoteSender(senders, senderText), watch: false);
                    break;
                case EnvelopeKind.Terminated:
                    var existenceConfirmed = reader.ReadByte() == 1;
                    OnTerminated(recipientText, senderText, existenceConfirmed, recipients);
                    break;
                default:
                    throw new ClusterProtocolException($"Unknown envelope kind {(byte)kind}.");
            }
        }
    }

    /// <summary>A remote watcher watches (or stops watching) a local actor; a missing actor is reported terminated at once.</summary>
    private void OnWatch(string watcheeText, RemoteActorRef watcher, bool watch)
    {
        if (!WirePath.TryParseLocal(watcheeText, out var elements, out var uid))
        {
            throw new ClusterProtocolException("A watched path is malformed.");
        }
        if (_transport.System.ResolveLocal(elements, uid) is not IInternalActorRef watchee)
        {
            if (watch)
            {
                _transport.Send(this, Outbound.NotFound(watcher, _transport.System.Address + watcheeText));
            }
            return;
        }
        watchee.SendSystemMessage(watch ? new Watch(watchee, watcher) : new Unwatch(watchee, watcher));
    }

    /// <summary>A remote actor that a local watcher watched has stopped (or never existed).</summary>
    private void OnTerminated(string watcherText, string watcheeText, bool existenceConfirmed, Dictionary<string, IActorRef> recipients)
    {
        if (!WirePath.TryParseFull(watcheeText, out var address, out var elements, out var uid) || address != Remote)
        {
            throw new ClusterProtocolException("A terminated actor's path is malformed or not on the peer.");
        }
        if (Recipient(recipients, watcherText) is not IInternalActorRef watcher)
        {
            return;
        }
        var watcheePath = WirePath.ToActorPath(address, elements, uid);
        if (_transport.Watches.Take(address, watcher, watcheePath) is { } watchee)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed, addressTerminated: false));
        }
    }

    private IActorRef? Recipient(Dictionary<string, IActorRef> cache, string text)
    {
        if (cache.TryGetValue(text, out var cached) && cached is not IInternalActorRef { IsTerminated: true })
        {
            return cached;
        }
        if (!WirePath.TryParseLocal(text, out var elements, out var uid))
        {
            throw new ClusterProtocolException("A recipient path is malformed.");
        }
        var found = _transport.System.ResolveLocal(elements, uid);
        // Temporary ask senders are used once; caching them would only grow the table.
        if (found is not null && elements[0] != "temp")
        {
            cache[text] = found;
        }
        return found;
    }

    private IActorRef Sender(Dictionary<string, IActorRef> cache, string text)
    {
        if (!cache.TryGetValue(text, out var sender))
        {
            sender = _transport.ResolveFull(text) ?? throw new ClusterProtocolException("A sender path is malformed.");
            cache[text] = sender;
        }
        return sender;
    }

    private RemoteActorRef RemoteSender(Dictionary<string, IActorRef> cache, string text) =>
        Sender(cache, text) as RemoteActorRef ?? throw new ClusterProtocolException("A watcher must be on the peer.");
}
