using System.Net.WebSockets;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>One authenticated WebSocket to a peer; <see cref="Closed"/> completes when either side gives it up.</summary>
internal sealed class Connection(WebSocket socket, PeerIdentity peer)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocket Socket { get; } = socket;

    public PeerIdentity Peer { get; } = peer;

    public Task Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Marks the connection dead and aborts the socket, so the reader and the writer both stop.</summary>
    public void Close()
    {
        if (_closed.TrySetResult())
        {
            Socket.Abort();
        }
    }

    /// <summary>Closes with a WebSocket close frame telling the peer why (best effort, bounded).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (!_closed.TrySetResult())
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await Socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; aborting below is all that is left to do.
        }
        Socket.Abort();
    }
}
