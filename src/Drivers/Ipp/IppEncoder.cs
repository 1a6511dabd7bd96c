using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MachineActors.Drivers.Ipp;

/// <summary>Encodes messages as application/ipp bytes (RFC 8010).</summary>
public static class IppEncoder
{
    /// <summary>attributes-charset, always the first operation attribute of a request.</summary>
    public const string CharsetAttribute = "attributes-charset";

    /// <summary>attributes-natural-language, always the second operation attribute of a request.</summary>
    public const string NaturalLanguageAttribute = "attributes-natural-language";

    private const int MaxFieldLength = short.MaxValue;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Encodes a request: the operation group comes first and starts with attributes-charset
    /// (utf-8) and attributes-natural-language (en), as RFC 8011 section 4.1.4 requires; any
    /// values the caller put there for those two are replaced, because this encoder only writes UTF-8.
    /// </summary>
    public static byte[] EncodeRequest(IppMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operationGroup = request.FindGroup(IppGroupTag.Operation);
        var operationAttributes = new List<IppAttribute>
        {
            new(CharsetAttribute, IppValue.Charset("utf-8")),
            new(NaturalLanguageAttribute, IppValue.NaturalLanguage("en")),
        };
        if (operationGroup is not null)
        {
            operationAttributes.AddRange(operationGroup.Attributes.Where(
                a => a.Name is not CharsetAttribute and not NaturalLanguageAttribute));
        }

        var groups = new List<IppAttributeGroup> { new(IppGroupTag.Operation, operationAttributes.ToArray()) };
        groups.AddRange(request.Groups.Where(g => !ReferenceEquals(g, operationGroup)));
        return Encode(new IppMessage(request.Version, request.Code, request.RequestId, groups, request.Data));
    }

    /// <summary>Encodes a message exactly as given (groups and attributes in their order).</summary>
    public static byte[] Encode(IppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new ArrayBufferWriter<byte>(256 + message.Data.Length);
        WriteByte(writer, message.Version.Major);
        WriteByte(writer, message.Version.Minor);
        WriteUInt16(writer, message.Code);
        WriteInt32(writer, message.RequestId);
        foreach (var group in message.Groups)
        {
            var tag = (byte)group.Tag;
            if (tag is 0x00 or 0x03 or >= 0x10)
            {
                throw new ArgumentException($"0x{tag:X2} is not a group delimiter tag.", nameof(message));
            }

            WriteByte(writer, tag);
            foreach (var attribute in group.Attributes)
            {
                WriteAttribute(writer, attribute.Name, attribute.Values);
            }
        }

        WriteByte(writer, 0x03);
        writer.Write(message.Data.Span);
        return writer.WrittenSpan.ToArray();
    }

    private static void WriteAttribute(ArrayBufferWriter<byte> writer, string name, IReadOnlyList<IppValue> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            WriteValue(writer, i == 0 ? name : string.Empty, values[i]);
        }
    }

    private static void WriteValue(ArrayBufferWriter<byte> writer, string name, IppValue value)
    {
        var tag = (byte)value.Tag;
        if (!IppTags.MatchesTag(value))
        {
            throw new ArgumentException($"Value of '{name}' is a {value.GetType().Name} but has tag 0x{tag:X2}, which decodes to another type.");
        }

        WriteByte(writer, tag);
        WriteField(writer, Utf8(name, "attribute name"), "attribute name");
        switch (value)
        {
            case IppIntegerValue integer:
                WriteUInt16(writer, 4);
                WriteInt32(writer, integer.Value);
                break;
            case IppBooleanValue boolean:
                WriteUInt16(writer, 1);
                WriteByte(writer, boolean.Value ? (byte)1 : (byte)0);
                break;
            case IppStringValue text:
                WriteField(writer, Utf8(text.Value, name), name);
                break;
            case IppStringWithLanguageValue text:
                var language = Utf8(text.Language, name);
                var body = Utf8(text.Value, name);
                var total = 4 + language.Length + body.Length;
                if (total > MaxFieldLength)
                {
                    throw new ArgumentException($"Value of '{name}' is {total} bytes; the limit is {MaxFieldLength}.");
                }

                WriteUInt16(writer, (ushort)total);
                WriteField(writer, language, name);
                WriteField(writer, body, name);
                break;
            case IppOctetStringValue octets:
                WriteField(writer, octets.Value.Span, name);
                break;
            case IppDateTimeValue dateTime:
                WriteUInt16(writer, 11);
                WriteDateTime(writer, dateTime.Value);
                break;
            case IppResolutionValue resolution:
                WriteUInt16(writer, 9);
                WriteInt32(writer, resolution.CrossFeed);
                WriteInt32(writer, resolution.Feed);
                WriteByte(writer, (byte)resolution.Units);
                break;
            case IppRangeValue range:
                WriteUInt16(writer, 8);
                WriteInt32(writer, range.Lower);
                WriteInt32(writer, range.Upper);
                break;
            case IppOutOfBandValue:
                WriteUInt16(writer, 0);
                break;
            case IppCollectionValue collection:
                WriteUInt16(writer, 0);
                WriteCollectionBody(writer, collection);
                break;
            default:
                throw new ArgumentException($"Value type {value.GetType().Name} of '{name}' cannot be encoded.");
        }
    }

    private static void WriteCollectionBody(ArrayBufferWriter<byte> writer, IppCollectionValue collection)
    {
        foreach (var member in collection.Members)
        {
            WriteByte(writer, (byte)IppValueTag.MemberAttributeName);
            WriteUInt16(writer, 0);
            WriteField(writer, Utf8(member.Name, "member name"), "member name");
            foreach (var value in member.Values)
            {
                WriteValue(writer, string.Empty, value);
            }
        }

        WriteByte(writer, (byte)IppValueTag.EndCollection);
        WriteUInt16(writer, 0);
        WriteUInt16(writer, 0);
    }

    private static void WriteDateTime(ArrayBufferWriter<byte> writer, DateTimeOffset value)
    {
        var offset = value.Offset;
        var span = writer.GetSpan(11);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value.Year);
        span[2] = (byte)value.Month;
        span[3] = (byte)value.Day;
        span[4] = (byte)value.Hour;
        span[5] = (byte)value.Minute;
        span[6] = (byte)value.Second;
        span[7] = (byte)(value.Millisecond / 100);
        span[8] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        span[9] = (byte)Math.Abs(offset.Hours);
        span[10] = (byte)Math.Abs(offset.Minutes);
        writer.Advance(11);
    }

    private static byte[] Utf8(string text, string what)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"{what} contains text that is not valid Unicode.", ex);
        }
    }

    private static void WriteField(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length > MaxFieldLength)
        {
            throw new ArgumentException($"{what} is {bytes.Length} bytes; the limit is {MaxFieldLength}.");
        }

        WriteUInt16(writer, (ushort)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }
}
