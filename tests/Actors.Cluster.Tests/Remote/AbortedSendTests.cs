using System.Net.WebSockets;
using MachineActors.Actors.Cluster.Remote;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>
/// A send cut short because the connection was aborted (its reader saw the peer go, a network cut) surfaces as an
/// OperationCanceledException from the WebSocket. It loses that batch with the connection, and nothing else: the
/// writer goes on with the next connection. (It used to end the writer for good, so after the fault suite's network
/// cuts the pair reconnected but nothing was sent any more and every request timed out.)
/// </summary>
public sealed class AbortedSendTests
{
    [Fact]
    public async Task A_send_cut_short_by_an_abort_loses_its_batch_and_later_messages_go_on_the_next_connection()
    {
        await using var nodes = await RemoteNodes.StartAsync(o => o with { ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200) },
            o => o with { ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200) });
        var echo = nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo"));
        Assert.Equal(new Pong(1), await echo.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(5)));

        // A's connection to B becomes one whose sends end as an aborted ManagedWebSocket's do.
        var aborted = new AbortedOnSendWebSocket();
        var association = nodes.A.AssociationFor(nodes.B.Address);
        _ = association.RunInboundAsync(aborted, new PeerIdentity(nodes.B.Address, nodes.B.Self.SystemUid));
        echo.Tell(new Ping(2), null);
        await Eventually.TrueAsync(() => aborted.Sends > 0, "a send was tried on the aborted connection");

        Pong? pong = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (pong is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "A's messages never reached B again: its writer stopped with the aborted send");
            try
            {
                pong = await echo.Ask<Pong>(new Ping(3), TimeSpan.FromMilliseconds(500));
            }
            catch (AskTimeoutException)
            {
            }
        }
        Assert.Equal(new Pong(3), pong);
    }

    /// <summary>Open until aborted; every send throws OperationCanceledException and aborts it, as a send in flight during Abort does.</summary>
    private sealed class AbortedOnSendWebSocket : WebSocket
    {
        private readonly CancellationTokenSource _aborted = new();
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => _aborted.IsCancellationRequested ? WebSocketState.Aborted : WebSocketState.Open;

        public override string? SubProtocol => null;

        public override void Abort() => _aborted.Cancel();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Dispose() => _aborted.Dispose();

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborted.Token);
            await Task.Delay(Timeout.Infinite, either.Token);
            throw new InvalidOperationException("unreachable");
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            _aborted.Cancel();
            throw new OperationCanceledException("The operation was canceled.");
        }
    }
}
