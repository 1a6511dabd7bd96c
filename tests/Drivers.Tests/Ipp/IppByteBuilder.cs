using System.Buffers.Binary;
using System.Text;

namespace MachineActors.Drivers.Tests.Ipp;

/// <summary>Assembles IPP bytes by hand, independently of the encoder under test.</summary>
public sealed class IppByteBuilder
{
    private readonly List<byte> _bytes = [];

    public IppByteBuilder Header(ushort code = 0x0000, int requestId = 1, byte major = 2, byte minor = 0)
    {
        _bytes.Add(major);
        _bytes.Add(minor);
        return UInt16(code).Int32(requestId);
    }

    public IppByteBuilder Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public IppByteBuilder Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public IppByteBuilder UInt16(ushort value)
    {
        var buffer = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        return Raw(buffer);
    }

    public IppByteBuilder Int32(int value)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        return Raw(buffer);
    }

    /// <summary>tag, name-length, name, value-length, value.</summary>
    public IppByteBuilder Attribute(byte tag, string name, byte[] value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        Byte(tag).UInt16((ushort)nameBytes.Length).Raw(nameBytes);
        return UInt16((ushort)value.Length).Raw(value);
    }

    public IppByteBuilder Attribute(byte tag, string name, string value) => Attribute(tag, name, Encoding.UTF8.GetBytes(value));

    public IppByteBuilder Integer(byte tag, string name, int value)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        return Attribute(tag, name, buffer);
    }

    public IppByteBuilder BeginCollection(string name) => Attribute(0x34, name, []);

    public IppByteBuilder Member(string memberName) => Attribute(0x4A, string.Empty, memberName);

    public IppByteBuilder EndCollection() => Attribute(0x37, string.Empty, []);

    public IppByteBuilder End() => Byte(0x03);

    public byte[] Build() => _bytes.ToArray();
}
