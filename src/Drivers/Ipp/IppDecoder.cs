using System.Buffers.Binary;
using System.Text;

namespace MachineActors.Drivers.Ipp;

/// <summary>
/// Decodes application/ipp bytes (RFC 8010). Strict and safe: whatever the input, the only
/// exception it throws is <see cref="IppFormatException"/>, with the offset of the problem.
/// </summary>
public static class IppDecoder
{
    private const byte EndOfAttributesTag = 0x03;
    private const byte FirstValueTag = 0x10;
    private const int HeaderLength = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes one message; the bytes after end-of-attributes become <see cref="IppMessage.Data"/>.</summary>
    public static IppMessage Decode(ReadOnlySpan<byte> bytes, IppDecoderLimits? limits = null)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new IppFormatException(
                $"Truncated message: the IPP header needs {HeaderLength} bytes but the message has {bytes.Length}.");
        }

        var budget = new Budget(limits ?? IppDecoderLimits.Default);
        var reader = new IppSpanReader(bytes);
        var version = new IppVersion(reader.ReadByte("version-number major"), reader.ReadByte("version-number minor"));
        var code = reader.ReadUInt16("operation-id or status-code");
        var requestId = reader.ReadInt32("request-id");

        var groups = ReadGroups(ref reader, budget);
        var data = reader.ReadToEnd().ToArray();
        return new IppMessage(version, code, requestId, groups, data);
    }

    private static List<IppAttributeGroup> ReadGroups(ref IppSpanReader reader, Budget budget)
    {
        var groups = new List<IppAttributeGroup>();
        var group = new GroupBuilder();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw new IppFormatException(
                    $"Truncated message: no end-of-attributes-tag (0x03) before the end of the data at offset {reader.Position}.");
            }

            var tagOffset = reader.Position;
            var tag = reader.ReadByte("tag");
            if (tag == EndOfAttributesTag)
            {
                group.CompleteInto(groups);
                return groups;
            }

            if (tag < FirstValueTag)
            {
                if (tag == 0x00)
                {
                    throw new IppFormatException($"Reserved delimiter tag 0x00 at offset {tagOffset}.");
                }

                group.CompleteInto(groups);
                budget.CountGroup(tagOffset);
                group.Start((IppGroupTag)tag);
                continue;
            }

            if (tag is (byte)IppValueTag.EndCollection or (byte)IppValueTag.MemberAttributeName)
            {
                throw new IppFormatException(tag == (byte)IppValueTag.EndCollection
                    ? $"endCollection at offset {tagOffset} without a matching begCollection."
                    : $"memberAttrName at offset {tagOffset} outside a collection.");
            }

            if (!group.IsOpen)
            {
                throw new IppFormatException(
                    $"Value tag 0x{tag:X2} at offset {tagOffset} appears before any attribute group tag.");
            }

            var nameOffset = reader.Position;
            var name = DecodeText(reader.ReadLengthPrefixed("attribute name"), "attribute name", nameOffset);
            if (name.Length == 0)
            {
                if (!group.HasAttribute)
                {
                    throw new IppFormatException(
                        $"Additional value (empty name) at offset {tagOffset} has no attribute before it in its group.");
                }
            }
            else
            {
                budget.CountAttribute(tagOffset);
                group.StartAttribute(name);
            }

            group.AddValue(ReadValue(ref reader, tag, tagOffset, depth: 0, budget));
            budget.CountValue(tagOffset);
        }
    }

    private static IppValue ReadValue(ref IppSpanReader reader, byte tag, int tagOffset, int depth, Budget budget)
    {
        if (tag != (byte)IppValueTag.BeginCollection)
        {
            return ParseScalar(tag, reader.ReadLengthPrefixed("attribute value"), tagOffset);
        }

        if (!reader.ReadLengthPrefixed("begCollection value").IsEmpty)
        {
            throw new IppFormatException($"begCollection at offset {tagOffset} has a non-empty value.");
        }

        return ReadCollection(ref reader, tagOffset, depth + 1, budget);
    }

    private static IppCollectionValue ReadCollection(ref IppSpanReader reader, int startOffset, int depth, Budget budget)
    {
        if (depth > budget.Limits.MaxCollectionDepth)
        {
            throw new IppFormatException(
                $"Collection at offset {startOffset} is nested {depth} levels deep; the limit is {budget.Limits.MaxCollectionDepth}.");
        }

        var members = new List<IppAttribute>();
        string? memberName = null;
        var memberValues = new List<IppValue>();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw new IppFormatException($"Truncated message: collection starting at offset {startOffset} has no endCollection.");
            }

            var tagOffset = reader.Position;
            var tag = reader.ReadByte("collection tag");
            if (tag < FirstValueTag)
            {
                throw new IppFormatException(
                    $"Delimiter tag 0x{tag:X2} at offset {tagOffset} inside the collection starting at offset {startOffset} (missing endCollection).");
            }

            if (!reader.ReadLengthPrefixed("collection name").IsEmpty)
            {
                throw new IppFormatException($"Collection entry at offset {tagOffset} has a name; members are named by memberAttrName.");
            }

            switch ((IppValueTag)tag)
            {
                case IppValueTag.EndCollection:
                    if (!reader.ReadLengthPrefixed("endCollection value").IsEmpty)
                    {
                        throw new IppFormatException($"endCollection at offset {tagOffset} has a non-empty value.");
                    }

                    AddMember(members, memberName, memberValues, tagOffset);
                    return new IppCollectionValue(members.ToArray());
                case IppValueTag.MemberAttributeName:
                    var nameOffset = reader.Position;
                    var name = DecodeText(reader.ReadLengthPrefixed("memberAttrName value"), "member name", nameOffset);
                    if (name.Length == 0)
                    {
                        throw new IppFormatException($"memberAttrName at offset {tagOffset} is empty.");
                    }

                    AddMember(members, memberName, memberValues, tagOffset);
                    budget.CountAttribute(tagOffset);
                    memberName = name;
                    memberValues = [];
                    break;
                default:
                    if (memberName is null)
                    {
                        throw new IppFormatException($"Collection value at offset {tagOffset} comes before any memberAttrName.");
                    }

                    memberValues.Add(ReadValue(ref reader, tag, tagOffset, depth, budget));
                    budget.CountValue(tagOffset);
                    break;
            }
        }
    }

    private static void AddMember(List<IppAttribute> members, string? name, List<IppValue> values, int offset)
    {
        if (name is null)
        {
            return;
        }

        if (values.Count == 0)
        {
            throw new IppFormatException($"Collection member '{name}' has no value (next entry at offset {offset}).");
        }

        members.Add(new IppAttribute(name, values.ToArray()));
    }

    private static IppValue ParseScalar(byte tag, ReadOnlySpan<byte> value, int offset)
    {
        var valueTag = (IppValueTag)tag;
        if (IppTags.IsOutOfBand(valueTag))
        {
            // RFC 8010 section 3.8: a receiver ignores any value sent with an out-of-band tag.
            return new IppOutOfBandValue(valueTag);
        }

        switch (valueTag)
        {
            case var _ when IppTags.IsInteger(valueTag):
                RequireLength(value, 4, valueTag, offset);
                return new IppIntegerValue(valueTag, BinaryPrimitives.ReadInt32BigEndian(value));
            case IppValueTag.Boolean:
                RequireLength(value, 1, valueTag, offset);
                return value[0] switch
                {
                    0 => new IppBooleanValue(false),
                    1 => new IppBooleanValue(true),
                    _ => throw new IppFormatException($"boolean at offset {offset} has value 0x{value[0]:X2}; only 0x00 and 0x01 are allowed."),
                };
            case IppValueTag.DateTime:
                RequireLength(value, 11, valueTag, offset);
                return new IppDateTimeValue(ParseDateTime(value, offset));
            case IppValueTag.Resolution:
                RequireLength(value, 9, valueTag, offset);
                return new IppResolutionValue(
                    BinaryPrimitives.ReadInt32BigEndian(value),
                    BinaryPrimitives.ReadInt32BigEndian(value[4..]),
                    (IppResolutionUnits)value[8]);
            case IppValueTag.RangeOfInteger:
                RequireLength(value, 8, valueTag, offset);
                return new IppRangeValue(BinaryPrimitives.ReadInt32BigEndian(value), BinaryPrimitives.ReadInt32BigEndian(value[4..]));
            case var _ when IppTags.IsStringWithLanguage(valueTag):
                return ParseStringWithLanguage(valueTag, value, offset);
            case var _ when IppTags.IsString(valueTag):
                return new IppStringValue(valueTag, DecodeText(value, valueTag.ToString(), offset));
            case IppValueTag.Extension:
                if (value.Length < 4)
                {
                    throw new IppFormatException($"Extension tag 0x7F at offset {offset} needs a four-byte type in its value.");
                }

                return new IppOctetStringValue(valueTag, value.ToArray());
            default:
                return new IppOctetStringValue(valueTag, value.ToArray());
        }
    }

    private static IppStringWithLanguageValue ParseStringWithLanguage(IppValueTag tag, ReadOnlySpan<byte> value, int offset)
    {
        var inner = new IppSpanReader(value);
        var language = DecodeText(inner.ReadLengthPrefixed($"{tag} language"), $"{tag} language", offset);
        var text = DecodeText(inner.ReadLengthPrefixed($"{tag} text"), $"{tag} text", offset);
        if (!inner.AtEnd)
        {
            throw new IppFormatException($"{tag} at offset {offset} has {inner.Remaining} byte(s) after its text.");
        }

        return new IppStringWithLanguageValue(tag, language, text);
    }

    private static DateTimeOffset ParseDateTime(ReadOnlySpan<byte> value, int offset)
    {
        var direction = (char)value[8];
        if (direction is not ('+' or '-'))
        {
            throw new IppFormatException($"dateTime at offset {offset} has UTC direction 0x{value[8]:X2}; expected '+' or '-'.");
        }

        if (value[10] > 59)
        {
            throw new IppFormatException($"dateTime at offset {offset} has {value[10]} minutes from UTC; the maximum is 59.");
        }

        if (value[7] > 9)
        {
            throw new IppFormatException($"dateTime at offset {offset} has {value[7]} deci-seconds; the maximum is 9.");
        }

        try
        {
            var utcOffset = new TimeSpan(value[9], value[10], 0);
            return new DateTimeOffset(
                BinaryPrimitives.ReadUInt16BigEndian(value),
                value[2],
                value[3],
                value[4],
                value[5],
                value[6],
                value[7] * 100,
                direction == '-' ? -utcOffset : utcOffset);
        }
        catch (ArgumentException ex)
        {
            throw new IppFormatException($"dateTime at offset {offset} is not a valid date and time: {ex.Message}", ex);
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int expected, IppValueTag tag, int offset)
    {
        if (value.Length != expected)
        {
            throw new IppFormatException($"{tag} at offset {offset} has {value.Length} value byte(s); it must have {expected}.");
        }
    }

    private static string DecodeText(ReadOnlySpan<byte> bytes, string what, int offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new IppFormatException($"{what} at offset {offset} is not valid UTF-8.", ex);
        }
    }

    private sealed class GroupBuilder
    {
        private IppGroupTag _tag;
        private List<IppAttribute>? _attributes;
        private string? _attributeName;
        private List<IppValue> _values = [];

        public bool IsOpen => _attributes is not null;

        public bool HasAttribute => _attributeName is not null;

        public void Start(IppGroupTag tag)
        {
            _tag = tag;
            _attributes = [];
            _attributeName = null;
            _values = [];
        }

        public void StartAttribute(string name)
        {
            CompleteAttribute();
            _attributeName = name;
            _values = [];
        }

        public void AddValue(IppValue value) => _values.Add(value);

        public void CompleteInto(List<IppAttributeGroup> groups)
        {
            if (_attributes is null)
            {
                return;
            }

            CompleteAttribute();
            groups.Add(new IppAttributeGroup(_tag, _attributes.ToArray()));
            _attributes = null;
        }

        private void CompleteAttribute()
        {
            if (_attributeName is not null && _attributes is not null)
            {
                _attributes.Add(new IppAttribute(_attributeName, _values.ToArray()));
            }

            _attributeName = null;
        }
    }

    private sealed class Budget(IppDecoderLimits limits)
    {
        private int _groups;
        private int _attributes;
        private int _values;

        public IppDecoderLimits Limits { get; } = limits;

        public void CountGroup(int offset) => Count(ref _groups, Limits.MaxGroups, "attribute groups", offset);

        public void CountAttribute(int offset) => Count(ref _attributes, Limits.MaxAttributes, "attributes", offset);

        public void CountValue(int offset) => Count(ref _values, Limits.MaxValues, "values", offset);

        private static void Count(ref int counter, int limit, string what, int offset)
        {
            if (++counter > limit)
            {
                throw new IppFormatException($"Message has more than {limit} {what} (limit reached at offset {offset}).");
            }
        }
    }
}
