using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using MachineActors.Actors;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Cluster.Tests.Remote;

namespace MachineActors.Reliability.Security;

/// <summary>
/// Hostile peers on the cluster port of a real station process (the in-process versions are
/// tests/Actors.Cluster.Tests/Remote/HostilePeerTests.cs): bytes that are not HTTP, a request that is not a WebSocket
/// upgrade, garbage or an oversized message instead of a handshake, a replayed or forged handshake, an oversized frame
/// and an unknown manifest after a valid handshake, and hundreds of connections that never finish a handshake. Each
/// is refused or disconnected and logged, and the station goes on serving: its health endpoint answers, the
/// front-end sees it up and prints on its printer over its cluster connection.
/// </summary>
public sealed class HostilePeerProcessTests(HostileCluster cluster) : IClassFixture<HostileCluster>
{
    private const string Refused = "Refused a connection from";
    private static readonly TimeSpan s_handshakeTimeout = new TransportOptions().HandshakeTimeout;

    /// <summary>A node that knows the secret but is not in the cluster; its address sorts below the station's, so it may dial.</summary>
    private static readonly PeerIdentity s_intruder = new(new Address("machineactors", "127.0.0.1", 1), 4711);

    [Fact]
    public async Task Bytes_that_are_not_HTTP_and_requests_that_are_not_an_upgrade_are_refused_and_logged()
    {
        var before = cluster.StationLogLines("it made no WebSocket request");
        using (var tcp = await RawAsync())
        {
            var garbage = new byte[4096];
            new Random(7).NextBytes(garbage);
            await tcp.GetStream().WriteAsync(garbage);
            await tcp.GetStream().WriteAsync("\r\n\r\n"u8.ToArray());
            var answer = await ReadUntilClosedAsync(tcp);
            Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), answer);
        }
        await cluster.WaitForStationLogAsync("it made no WebSocket request", before + 1);

        var upgrades = cluster.StationLogLines("not a WebSocket upgrade request");
        using (var tcp = await RawAsync())
        {
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {TransportOptions.EndpointPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 400", await ReadUntilClosedAsync(tcp), StringComparison.Ordinal);
        }
        await cluster.WaitForStationLogAsync("not a WebSocket upgrade request", upgrades + 1);
        await cluster.AssertServesAsync("after bytes that are not HTTP");
    }

    [Fact]
    public async Task Garbage_or_an_oversized_message_instead_of_a_handshake_is_refused_and_logged()
    {
        var garbage = cluster.StationLogLines("Expected handshake message");
        using (var socket = await ConnectAsync())
        {
            await ReceiveAsync(socket);
            await socket.SendAsync(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, WebSocketMessageType.Binary, true, default);
            await AssertClosedByServerAsync(socket);
        }
        await cluster.WaitForStationLogAsync("Expected handshake message 0xC2 but got 0xDE", garbage + 1);

        var oversized = cluster.StationLogLines("A handshake message is larger than");
        using (var socket = await ConnectAsync())
        {
            await ReceiveAsync(socket);
            await socket.SendAsync(new byte[64 * 1024], WebSocketMessageType.Binary, true, default);
            await AssertClosedByServerAsync(socket);
        }
        await cluster.WaitForStationLogAsync("A handshake message is larger than", oversized + 1);
        await cluster.AssertServesAsync("after garbage handshakes");
    }

    [Fact]
    public async Task A_replayed_or_forged_handshake_is_refused_and_logged()
    {
        var before = cluster.StationLogLines("does not know the cluster secret");
        // A hello recorded from a connection that did know the secret is useless on the next: the challenge is new.
        byte[] recorded;
        using (var recording = new RecordingWebSocket(await ConnectAsync()))
        {
            await Handshake.DialAsync(recording, s_intruder, cluster.StationAddress, Handshake.KeyOf(HostileCluster.Secret), TimeSpan.FromSeconds(5), default);
            recorded = recording.Sent[0];
        }
        using (var replay = await ConnectAsync())
        {
            await ReceiveAsync(replay);
            await replay.SendAsync(recorded, WebSocketMessageType.Binary, true, default);
            await AssertClosedByServerAsync(replay);
        }
        using (var forged = await ConnectAsync())
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => Handshake.DialAsync(
                forged, s_intruder, cluster.StationAddress, Handshake.KeyOf("not-the-cluster-secret-0000"), TimeSpan.FromSeconds(5), default));
            Assert.IsNotType<TimeoutException>(refused);
        }
        await cluster.WaitForStationLogAsync("does not know the cluster secret", before + 2);
        await cluster.AssertServesAsync("after a replayed and a forged handshake");
    }

    [Fact]
    public async Task An_oversized_frame_after_a_valid_handshake_disconnects_the_peer()
    {
        var before = cluster.StationLogLines("larger than the maximum");
        using (var socket = await AuthenticatedAsync())
        {
            // One message above the 4 MiB frame limit, sent in pieces as a peer would stream it.
            var piece = new byte[256 * 1024];
            for (var sent = 0; sent <= new TransportOptions().MaximumFrameSize && socket.State == WebSocketState.Open; sent += piece.Length)
            {
                try
                {
                    await socket.SendAsync(piece, WebSocketMessageType.Binary, endOfMessage: false, default);
                }
                catch (WebSocketException)
                {
                    break;
                }
            }
            await AssertClosedByServerAsync(socket);
        }
        await cluster.WaitForStationLogAsync("larger than the maximum", before + 1);
        await cluster.AssertServesAsync("after an oversized frame");
    }

    [Fact]
    public async Task An_unknown_manifest_after_a_valid_handshake_disconnects_the_peer()
    {
        var before = cluster.StationLogLines("Unknown message manifest");
        using (var socket = await AuthenticatedAsync())
        {
            var frame = new FrameBuffer(256);
            frame.WriteByte((byte)EnvelopeKind.User);
            frame.WriteString("/user/registry#0");
            frame.WriteString(string.Empty);
            frame.WriteString("System.Diagnostics.Process");
            var at = frame.ReserveLength();
            frame.WriteBytes("{\"StartInfo\":{\"FileName\":\"/bin/sh\"}}"u8);
            frame.PatchLength(at);
            await socket.SendAsync(frame.Written, WebSocketMessageType.Binary, true, default);
            await AssertClosedByServerAsync(socket);
        }
        await cluster.WaitForStationLogAsync("Unknown message manifest", before + 1);
        await cluster.AssertServesAsync("after an unknown manifest");
    }

    [Fact]
    public async Task Connections_that_never_finish_a_handshake_time_out_while_the_station_keeps_serving()
    {
        const int webSockets = 150;
        const int silent = 50;
        const int partial = 50;
        var timedOut = cluster.StationLogLines("no valid handshake within the timeout");
        var notHttp = cluster.StationLogLines("it made no WebSocket request");
        var opened = DateTime.UtcNow;
        var sockets = await Task.WhenAll(Enumerable.Range(0, webSockets).Select(_ => ConnectAsync()));
        var raw = await Task.WhenAll(Enumerable.Range(0, silent + partial).Select(_ => RawAsync()));
        try
        {
            foreach (var tcp in raw.Skip(silent))
            {
                // Half a request line, never finished.
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {TransportOptions.EndpointPath} HTTP/1.1\r\nHost: 127.0.0."));
            }

            // All of them hang on the station's cluster port, and it serves its real peer meanwhile.
            await cluster.AssertServesAsync("while 250 connections hang in their handshake");
            Assert.True(DateTime.UtcNow - opened < s_handshakeTimeout, "the station was checked only after the connections had timed out");

            // Each is dropped once the handshake timeout has passed (Kestrel's own limits would have held the raw ones for minutes).
            var deadline = s_handshakeTimeout + TimeSpan.FromSeconds(15);
            var closedSockets = await Task.WhenAll(sockets.Select(s => ClosedByServerAsync(s, deadline)));
            var closedRaw = await Task.WhenAll(raw.Select(async tcp => (await ReadUntilClosedAsync(tcp, deadline)).Closed));
            Assert.True(closedSockets.All(c => c), $"{closedSockets.Count(c => !c)} of {webSockets} WebSockets were still open {deadline.TotalSeconds:0} s later");
            Assert.True(closedRaw.All(c => c), $"{closedRaw.Count(c => !c)} of {silent + partial} silent or half-sent connections were still open {deadline.TotalSeconds:0} s later");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
            foreach (var tcp in raw)
            {
                tcp.Dispose();
            }
        }
        await cluster.WaitForStationLogAsync("no valid handshake within the timeout", timedOut + webSockets);
        await cluster.WaitForStationLogAsync("it made no WebSocket request", notHttp + silent + partial);
        await cluster.AssertServesAsync("after 250 handshakes timed out");
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.StationPort}{TransportOptions.EndpointPath}"), default);
        return socket;
    }

    private async Task<WebSocket> AuthenticatedAsync()
    {
        var socket = await ConnectAsync();
        var station = await Handshake.DialAsync(socket, s_intruder, cluster.StationAddress, Handshake.KeyOf(HostileCluster.Secret), TimeSpan.FromSeconds(5), default);
        Assert.Equal(cluster.StationAddress, station.Address);
        return socket;
    }

    private async Task<TcpClient> RawAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", cluster.StationPort);
        return tcp;
    }

    private static async Task ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, default);
        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
    }

    /// <summary>What the station answered on a raw connection, and whether it closed it within <paramref name="deadline"/>.</summary>
    private static async Task<(bool Closed, string Answer)> ReadUntilClosedAsync(TcpClient tcp, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await tcp.GetStream().ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the station: closed too.
        }
        catch (OperationCanceledException)
        {
            return (false, answer.ToString());
        }
        return (true, answer.ToString());
    }

    private static async Task<string> ReadUntilClosedAsync(TcpClient tcp)
    {
        var (closed, answer) = await ReadUntilClosedAsync(tcp, TimeSpan.FromSeconds(30));
        Assert.True(closed, $"the station did not close the connection; it answered: {answer}");
        return answer;
    }

    /// <summary>Whether the station closed (or aborted) the WebSocket within <paramref name="deadline"/>.</summary>
    private static async Task<bool> ClosedByServerAsync(WebSocket socket, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            // An aborted connection is a refusal too.
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task AssertClosedByServerAsync(WebSocket socket) =>
        Assert.True(await ClosedByServerAsync(socket, TimeSpan.FromSeconds(30)), "the station did not close the connection");
}
