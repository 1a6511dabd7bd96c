namespace MachineActors.Drivers.Ipp;

/// <summary>Value tags (RFC 8010 section 3.5.2). Unknown tags are carried through as raw octets.</summary>
public enum IppValueTag : byte
{
    /// <summary>Out-of-band 'unsupported'.</summary>
    Unsupported = 0x10,

    /// <summary>Out-of-band 'default' (reserved).</summary>
    Default = 0x11,

    /// <summary>Out-of-band 'unknown'.</summary>
    Unknown = 0x12,

    /// <summary>Out-of-band 'no-value'.</summary>
    NoValue = 0x13,

    /// <summary>Out-of-band 'not-settable' (RFC 3380).</summary>
    NotSettable = 0x15,

    /// <summary>Out-of-band 'delete-attribute' (RFC 3380).</summary>
    DeleteAttribute = 0x16,

    /// <summary>Out-of-band 'admin-define' (RFC 3380).</summary>
    AdminDefine = 0x17,

    /// <summary>integer: four octets, signed, big-endian.</summary>
    Integer = 0x21,

    /// <summary>boolean: one octet, 0x00 or 0x01.</summary>
    Boolean = 0x22,

    /// <summary>enum: four octets like integer.</summary>
    Enum = 0x23,

    /// <summary>octetString with an unspecified format.</summary>
    OctetString = 0x30,

    /// <summary>dateTime: eleven octets (RFC 2579 DateAndTime).</summary>
    DateTime = 0x31,

    /// <summary>resolution: two integers and a units octet.</summary>
    Resolution = 0x32,

    /// <summary>rangeOfInteger: two integers.</summary>
    RangeOfInteger = 0x33,

    /// <summary>begCollection: starts a collection value.</summary>
    BeginCollection = 0x34,

    /// <summary>textWithLanguage.</summary>
    TextWithLanguage = 0x35,

    /// <summary>nameWithLanguage.</summary>
    NameWithLanguage = 0x36,

    /// <summary>endCollection: ends a collection value.</summary>
    EndCollection = 0x37,

    /// <summary>textWithoutLanguage.</summary>
    TextWithoutLanguage = 0x41,

    /// <summary>nameWithoutLanguage.</summary>
    NameWithoutLanguage = 0x42,

    /// <summary>keyword.</summary>
    Keyword = 0x44,

    /// <summary>uri.</summary>
    Uri = 0x45,

    /// <summary>uriScheme.</summary>
    UriScheme = 0x46,

    /// <summary>charset.</summary>
    Charset = 0x47,

    /// <summary>naturalLanguage.</summary>
    NaturalLanguage = 0x48,

    /// <summary>mimeMediaType.</summary>
    MimeMediaType = 0x49,

    /// <summary>memberAttrName: names the next member inside a collection.</summary>
    MemberAttributeName = 0x4A,

    /// <summary>Extension: the real tag is in the first four octets of the value.</summary>
    Extension = 0x7F,
}
