using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>A growable byte buffer that frames are encoded into; reused by one writer loop, never shared.</summary>
internal sealed class FrameBuffer(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Forgets everything written after <paramref name="length"/> (an envelope that could not be encoded).</summary>
    public void Truncate(int length) => Length = length;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(Length);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteVarInt(uint value)
    {
        Ensure(5);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[Length++] = (byte)value;
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarInt((uint)count);
        Ensure(count);
        Length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(Length));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarInt((uint)bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Reserves four bytes for a length written later with <see cref="PatchLength"/>.</summary>
    public int ReserveLength()
    {
        Ensure(4);
        var at = Length;
        Length += 4;
        return at;
    }

    /// <summary>Writes the number of bytes written since the reservation at <paramref name="at"/>.</summary>
    public int PatchLength(int at)
    {
        var length = Length - at - 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at), length);
        return length;
    }

    private void Ensure(int count)
    {
        var needed = Length + Math.Max(count, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
