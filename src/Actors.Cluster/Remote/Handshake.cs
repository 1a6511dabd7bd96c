using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Mutual proof of the cluster secret before any envelope is accepted. The accepting side sends a fresh
/// nonce (challenge); the dialing side answers with its identity, its own nonce and an HMAC over both
/// nonces and both addresses (hello); the accepting side answers with an HMAC over the nonces in the other
/// order (welcome). The secret never travels, and a recorded hello or welcome is useless on a new
/// connection because the other side's nonce is new.
/// </summary>
internal static class Handshake
{
    private const byte ChallengeTag = 0xC1;
    private const byte HelloTag = 0xC2;
    private const byte WelcomeTag = 0xC3;
    private const int NonceSize = 32;
    private const int MacSize = 32;
    private const int MaximumMessageSize = 2048;

    public static async Task<PeerIdentity> AcceptAsync(
        WebSocket socket, PeerIdentity self, byte[] key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var serverNonce = RandomNumberGenerator.GetBytes(NonceSize);
        var challenge = new FrameBuffer(128);
        challenge.WriteByte(ChallengeTag);
        challenge.WriteString(self.Address.ToString());
        WriteInt64(challenge, self.SystemUid);
        challenge.WriteBytes(serverNonce);
        await socket.SendAsync(challenge.Written, WebSocketMessageType.Binary, true, deadline.Token).ConfigureAwait(false);

        var hello = await ReceiveAsync(socket, deadline.Token).ConfigureAwait(false);
        var reader = new FrameReader(hello);
        Expect(reader.ReadByte(), HelloTag);
        var clientAddressText = reader.ReadString();
        var clientUid = reader.ReadInt64();
        var clientNonce = reader.ReadFixed(NonceSize).ToArray();
        var mac = reader.ReadFixed(MacSize).ToArray();
        if (!WirePath.TryParseAddress(clientAddressText, out var clientAddress))
        {
            throw new ClusterProtocolException($"The peer's address '{Printable(clientAddressText)}' is malformed.");
        }
        var expected = Mac(key, "hello", serverNonce, clientNonce, clientAddressText, self.Address.ToString(), clientUid);
        if (!CryptographicOperations.FixedTimeEquals(mac, expected))
        {
            throw new ClusterProtocolException($"The peer claiming to be {clientAddress} does not know the cluster secret.");
        }
        var welcome = new FrameBuffer(64);
        welcome.WriteByte(WelcomeTag);
        welcome.WriteBytes(Mac(key, "welcome", clientNonce, serverNonce, self.Address.ToString(), clientAddressText, self.SystemUid));
        await socket.SendAsync(welcome.Written, WebSocketMessageType.Binary, true, deadline.Token).ConfigureAwait(false);
        return new PeerIdentity(clientAddress, clientUid);
    }

    public static async Task<PeerIdentity> DialAsync(
        WebSocket socket, PeerIdentity self, Address expectedPeer, byte[] key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var challenge = await ReceiveAsync(socket, deadline.Token).ConfigureAwait(false);
        var reader = new FrameReader(challenge);
        Expect(reader.ReadByte(), ChallengeTag);
        var serverAddressText = reader.ReadString();
        var serverUid = reader.ReadInt64();
        var serverNonce = reader.ReadBytes().ToArray();
        if (serverAddressText != expectedPeer.ToString() || serverNonce.Length != NonceSize)
        {
            throw new ClusterProtocolException($"Dialed {expectedPeer} but the node there says it is '{Printable(serverAddressText)}'.");
        }
        var clientNonce = RandomNumberGenerator.GetBytes(NonceSize);
        var selfText = self.Address.ToString();
        var hello = new FrameBuffer(256);
        hello.WriteByte(HelloTag);
        hello.WriteString(selfText);
        WriteInt64(hello, self.SystemUid);
        Append(hello, clientNonce);
        Append(hello, Mac(key, "hello", serverNonce, clientNonce, selfText, serverAddressText, self.SystemUid));
        await socket.SendAsync(hello.Written, WebSocketMessageType.Binary, true, deadline.Token).ConfigureAwait(false);

        var welcome = await ReceiveAsync(socket, deadline.Token).ConfigureAwait(false);
        var welcomeReader = new FrameReader(welcome);
        Expect(welcomeReader.ReadByte(), WelcomeTag);
        var mac = welcomeReader.ReadBytes().ToArray();
        var expected = Mac(key, "welcome", clientNonce, serverNonce, serverAddressText, selfText, serverUid);
        if (!CryptographicOperations.FixedTimeEquals(mac, expected))
        {
            throw new ClusterProtocolException($"The node at {expectedPeer} does not know the cluster secret.");
        }
        return new PeerIdentity(expectedPeer, serverUid);
    }

    /// <summary>The HMAC key derived from the configured secret.</summary>
    public static byte[] KeyOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes("machineactors-cluster:" + secret));

    private static byte[] Mac(byte[] key, string purpose, byte[] firstNonce, byte[] secondNonce, string from, string to, long uid)
    {
        var input = new FrameBuffer(256);
        input.WriteString(purpose);
        input.WriteBytes(firstNonce);
        input.WriteBytes(secondNonce);
        input.WriteString(from);
        input.WriteString(to);
        WriteInt64(input, uid);
        return HMACSHA256.HashData(key, input.Written.Span);
    }

    private static async Task<byte[]> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaximumMessageSize];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                throw new ClusterProtocolException($"A handshake message is larger than {MaximumMessageSize} bytes.");
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (result.MessageType != WebSocketMessageType.Binary)
            {
                throw new ClusterProtocolException("The peer closed the connection or sent text during the handshake.");
            }
            count += result.Count;
            if (result.EndOfMessage)
            {
                return buffer[..count];
            }
        }
    }

    private static void Expect(byte tag, byte expected)
    {
        if (tag != expected)
        {
            throw new ClusterProtocolException($"Expected handshake message 0x{expected:X2} but got 0x{tag:X2}.");
        }
    }

    private static void Append(FrameBuffer buffer, byte[] bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static void WriteInt64(FrameBuffer buffer, long value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static string Printable(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
