using System.Net.WebSockets;
using System.Text.Json;

namespace MachineActors.Actors.Cluster.Remote;

internal sealed partial class Association
{
    private const int SenderTextCacheLimit = 10_000;

    /// <summary>
    /// Packs queued envelopes into one WebSocket message of up to about BatchBytes and sends it; waits for a
    /// connection when there is none. A batch whose send fails is lost with the connection (at-most-once).
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var frame = new FrameBuffer(_transport.Options.BatchBytes + 4096);
        using var json = new Utf8JsonWriter(frame, new JsonWriterOptions { SkipValidation = true });
        var senderTexts = new Dictionary<IActorRef, string>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping).ConfigureAwait(false))
            {
                var connection = await NextConnection().WaitAsync(_stopping).ConfigureAwait(false);
                frame.Clear();
                while (frame.Length < _transport.Options.BatchBytes && reader.TryRead(out var outbound))
                {
                    Encode(frame, json, senderTexts, outbound);
                }
                if (frame.Length == 0)
                {
                    continue;
                }
                try
                {
                    await connection.Socket.SendAsync(frame.Written, WebSocketMessageType.Binary, true, _stopping).ConfigureAwait(false);
                }
                catch (Exception) when (!_stopping.IsCancellationRequested)
                {
                    // Whatever ended the send (the peer reset the socket, or the reader aborted it meanwhile, which a
                    // send in flight reports as an OperationCanceledException) loses this batch with the connection; the
                    // loop goes on with the next one. Letting any of it escape would end this writer for good.
                    connection.Close();
                }
                if (senderTexts.Count > SenderTextCacheLimit)
                {
                    senderTexts.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The transport is stopping.
        }
    }

    private void Encode(FrameBuffer frame, Utf8JsonWriter json, Dictionary<IActorRef, string> senderTexts, in Outbound outbound)
    {
        var start = frame.Length;
        frame.WriteByte((byte)outbound.Kind);
        frame.WriteString(outbound.Recipient);
        frame.WriteString(outbound.SenderText ?? SenderText(senderTexts, outbound.Sender));
        switch (outbound.Kind)
        {
            case EnvelopeKind.User:
                bool written;
                try
                {
                    written = _transport.Serializer.TryWrite(frame, json, outbound.Message!, _transport.Options.MaximumPayloadSize);
                }
                catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
                {
                    frame.Truncate(start);
                    RemoteLog.SerializationFailed(_log, outbound.Message!.GetType().Name, Remote.ToString(), e.Message);
                    _transport.DeadLetter(outbound.Message!, outbound.Sender);
                    return;
                }
                if (!written)
                {
                    frame.Truncate(start);
                    RemoteLog.PayloadTooLarge(_log, outbound.Message!.GetType().Name, Remote.ToString(), _transport.Options.MaximumPayloadSize);
                    _transport.DeadLetter(outbound.Message!, outbound.Sender);
                }
                break;
            case EnvelopeKind.Terminated:
                frame.WriteByte(outbound.Message is true ? (byte)1 : (byte)0);
                break;
        }
    }

    private static string SenderText(Dictionary<IActorRef, string> cache, IActorRef? sender)
    {
        if (sender is null)
        {
            return string.Empty;
        }
        if (sender is RemoteActorRef remote)
        {
            return remote.FullText;
        }
        if (!cache.TryGetValue(sender, out var text))
        {
            text = WirePath.Full(sender.Path);
            cache[sender] = text;
        }
        return text;
    }
}
