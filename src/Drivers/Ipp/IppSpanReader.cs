using System.Buffers.Binary;

namespace MachineActors.Drivers.Ipp;

/// <summary>Bounds-checked big-endian reads; every overrun becomes an <see cref="IppFormatException"/>.</summary>
internal ref struct IppSpanReader
{
    private readonly ReadOnlySpan<byte> _buffer;

    public IppSpanReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _buffer.Length - Position;

    public readonly bool AtEnd => Position >= _buffer.Length;

    public byte ReadByte(string what)
    {
        Require(1, what);
        return _buffer[Position++];
    }

    public ushort ReadUInt16(string what)
    {
        Require(2, what);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer.Slice(Position, 2));
        Position += 2;
        return value;
    }

    public int ReadInt32(string what)
    {
        Require(4, what);
        var value = BinaryPrimitives.ReadInt32BigEndian(_buffer.Slice(Position, 4));
        Position += 4;
        return value;
    }

    /// <summary>Reads a two-octet length (a SIGNED-SHORT on the wire, so 0..32767) and that many octets.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed(string what)
    {
        var start = Position;
        var length = ReadUInt16(what + " length");
        if (length > short.MaxValue)
        {
            throw new IppFormatException($"{what} length 0x{length:X4} at offset {start} is negative (lengths are signed 16-bit).");
        }

        return ReadBytes(length, what);
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        Require(count, what);
        var slice = _buffer.Slice(Position, count);
        Position += count;
        return slice;
    }

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = _buffer[Position..];
        Position = _buffer.Length;
        return rest;
    }

    private readonly void Require(int count, string what)
    {
        if (count > Remaining)
        {
            throw new IppFormatException(
                $"Truncated message: {what} at offset {Position} needs {count} byte(s) but only {Remaining} remain.");
        }
    }
}
