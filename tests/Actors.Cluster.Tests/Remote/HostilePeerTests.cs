using System.Net.WebSockets;
using MachineActors.Actors.Cluster.Remote;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>
/// Peers that do not play by the rules on the cluster port: each one is disconnected and logged, and the node
/// goes on serving its real peer.
/// </summary>
public sealed class HostilePeerTests : IAsyncLifetime
{
    private static readonly PeerIdentity s_fakePeer = new(new Address("node", "127.0.0.1", 1), 77);

    private readonly ListLoggerProvider _logs = new();
    private RemoteTransport _a = null!;
    private RemoteTransport _b = null!;
    private IActorRef _echo = null!;

    public async Task InitializeAsync()
    {
        _a = await RemoteNodes.StartNodeAsync();
        _b = await RemoteNodes.StartNodeAsync(o => o with { MaximumPayloadSize = 2048, MaximumFrameSize = 8192 }, _logs);
        _a.Associate(_b.Address);
        _b.Associate(_a.Address);
        _b.System.ActorOf(Props.Create<EchoActor>(), "echo");
        _echo = _a.ActorRefFor(_b.Address, "/user/echo");
    }

    public async Task DisposeAsync()
    {
        await _a.System.Terminate();
        await _b.System.Terminate();
    }

    [Fact]
    public async Task Garbage_instead_of_a_handshake_is_refused()
    {
        using var socket = await ConnectAsync();
        await ReceiveAsync(socket);
        await socket.SendAsync(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(socket);
        await AssertStillServesItsPeerAsync("Refused a connection");
    }

    [Fact]
    public async Task A_replayed_handshake_is_refused()
    {
        var recordedHello = await RecordHelloAsync(Handshake.KeyOf(RemoteNodes.Secret));

        using var replay = await ConnectAsync();
        await ReceiveAsync(replay);
        await replay.SendAsync(recordedHello, WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(replay);
        await AssertStillServesItsPeerAsync("does not know the cluster secret");
    }

    [Fact]
    public async Task An_oversized_frame_disconnects_the_peer()
    {
        using var socket = await AuthenticatedAsync();
        await socket.SendAsync(new byte[10_000], WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(socket);
        await AssertStillServesItsPeerAsync("larger than the maximum");
    }

    [Fact]
    public async Task An_unknown_manifest_disconnects_the_peer()
    {
        using var socket = await AuthenticatedAsync();
        var frame = new FrameBuffer(256);
        frame.WriteByte((byte)EnvelopeKind.User);
        frame.WriteString("/user/echo#0");
        frame.WriteString(string.Empty);
        frame.WriteString("System.Diagnostics.Process");
        var at = frame.ReserveLength();
        frame.WriteByte((byte)'{');
        frame.WriteByte((byte)'}');
        frame.PatchLength(at);
        await socket.SendAsync(frame.Written, WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(socket);
        await AssertStillServesItsPeerAsync("Unknown message manifest");
    }

    [Fact]
    public async Task A_payload_its_message_constructor_refuses_disconnects_the_peer()
    {
        using var socket = await AuthenticatedAsync();
        var frame = new FrameBuffer(256);
        frame.WriteByte((byte)EnvelopeKind.User);
        frame.WriteString("/user/echo#0");
        frame.WriteString(string.Empty);
        frame.WriteString("test.positive");
        var at = frame.ReserveLength();
        frame.WriteBytes("{\"Number\":-1}"u8);
        frame.PatchLength(at);
        await socket.SendAsync(frame.Written, WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(socket);
        await AssertStillServesItsPeerAsync("The 'test.positive' payload is not valid");
    }

    [Fact]
    public async Task A_truncated_envelope_disconnects_the_peer()
    {
        using var socket = await AuthenticatedAsync();
        await socket.SendAsync(new byte[] { (byte)EnvelopeKind.User, 200, 1 }, WebSocketMessageType.Binary, true, default);

        await AssertClosedByServerAsync(socket);
        await AssertStillServesItsPeerAsync("broke the protocol");
    }

    private async Task<byte[]> RecordHelloAsync(byte[] key)
    {
        using var recording = new RecordingWebSocket(await ConnectAsync());
        await Handshake.DialAsync(recording, s_fakePeer, _b.Address, key, TimeSpan.FromSeconds(5), default);
        return recording.Sent[0];
    }

    private async Task<WebSocket> AuthenticatedAsync()
    {
        var socket = await ConnectAsync();
        await Handshake.DialAsync(socket, s_fakePeer, _b.Address, Handshake.KeyOf(RemoteNodes.Secret), TimeSpan.FromSeconds(5), default);
        return socket;
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_b.Address.Port}{TransportOptions.EndpointPath}"), default);
        return socket;
    }

    private static async Task<byte[]> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, default);
        return buffer[..result.Count];
    }

    private static async Task AssertClosedByServerAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (WebSocketException)
        {
            // An aborted connection is a refusal too.
        }
    }

    private async Task AssertStillServesItsPeerAsync(string logged)
    {
        await Eventually.TrueAsync(() => _logs.Contains(logged), $"B logs \"{logged}\"");
        Assert.Equal(new Pong(9), await _echo.Ask<Pong>(new Ping(9), TimeSpan.FromSeconds(10)));
    }
}
