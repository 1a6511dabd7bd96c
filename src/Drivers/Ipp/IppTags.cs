namespace MachineActors.Drivers.Ipp;

/// <summary>Which value type each tag decodes to; shared by the encoder and decoder so they agree.</summary>
internal static class IppTags
{
    public static bool IsOutOfBand(IppValueTag tag) => (byte)tag is >= 0x10 and < 0x20;

    public static bool IsInteger(IppValueTag tag) => tag is IppValueTag.Integer or IppValueTag.Enum;

    public static bool IsStringWithLanguage(IppValueTag tag) =>
        tag is IppValueTag.TextWithLanguage or IppValueTag.NameWithLanguage;

    public static bool IsString(IppValueTag tag) => tag is IppValueTag.TextWithoutLanguage
        or IppValueTag.NameWithoutLanguage
        or IppValueTag.Keyword
        or IppValueTag.Uri
        or IppValueTag.UriScheme
        or IppValueTag.Charset
        or IppValueTag.NaturalLanguage
        or IppValueTag.MimeMediaType;

    /// <summary>Tags kept as raw octets: octetString, the extension tag and every tag this codec does not know.</summary>
    public static bool IsRaw(IppValueTag tag) => (byte)tag >= 0x20
        && !IsInteger(tag)
        && !IsString(tag)
        && !IsStringWithLanguage(tag)
        && tag is not (IppValueTag.Boolean
            or IppValueTag.DateTime
            or IppValueTag.Resolution
            or IppValueTag.RangeOfInteger
            or IppValueTag.BeginCollection
            or IppValueTag.EndCollection
            or IppValueTag.MemberAttributeName);

    /// <summary>True when <paramref name="value"/> is the type the decoder produces for its tag.</summary>
    public static bool MatchesTag(IppValue value) => value switch
    {
        IppIntegerValue v => IsInteger(v.Tag),
        IppStringValue v => IsString(v.Tag),
        IppStringWithLanguageValue v => IsStringWithLanguage(v.Tag),
        IppOctetStringValue v => IsRaw(v.Tag),
        IppOutOfBandValue v => IsOutOfBand(v.Tag),
        IppBooleanValue or IppDateTimeValue or IppResolutionValue or IppRangeValue or IppCollectionValue => true,
        _ => false,
    };
}
