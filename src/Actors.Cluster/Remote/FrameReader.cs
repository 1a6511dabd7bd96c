using System.Buffers.Binary;
using System.Text;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>Reads what <see cref="FrameBuffer"/> wrote; any malformed or truncated input throws <see cref="ClusterProtocolException"/>.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> frame)
{
    private const int MaximumStringBytes = 4096;

    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    private ReadOnlySpan<byte> _rest = frame;

    public readonly bool IsEnd => _rest.IsEmpty;

    public byte ReadByte()
    {
        if (_rest.IsEmpty)
        {
            throw Truncated();
        }
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    public uint ReadVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = ReadByte();
            value |= (uint)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }
        throw new ClusterProtocolException("A length in the frame is malformed.");
    }

    public string ReadString()
    {
        var length = ReadVarInt();
        if (length > MaximumStringBytes || length > _rest.Length)
        {
            throw new ClusterProtocolException($"A string of {length} bytes does not fit the frame.");
        }
        var bytes = _rest[..(int)length];
        _rest = _rest[(int)length..];
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ClusterProtocolException("A string in the frame is not valid UTF-8.");
        }
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarInt();
        return Take(length);
    }

    public ReadOnlySpan<byte> ReadLengthPrefixed()
    {
        if (_rest.Length < 4)
        {
            throw Truncated();
        }
        var length = BinaryPrimitives.ReadInt32LittleEndian(_rest);
        _rest = _rest[4..];
        if (length < 0)
        {
            throw new ClusterProtocolException("A payload length in the frame is negative.");
        }
        return Take((uint)length);
    }

    public ReadOnlySpan<byte> ReadFixed(int count) => Take((uint)count);

    public long ReadInt64()
    {
        var bytes = Take(8);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    private ReadOnlySpan<byte> Take(uint length)
    {
        if (length > _rest.Length)
        {
            throw Truncated();
        }
        var bytes = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return bytes;
    }

    private static ClusterProtocolException Truncated() => new("The frame ends in the middle of a field.");
}
