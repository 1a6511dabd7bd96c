using System.Globalization;

namespace MachineActors.Drivers.Ipp;

/// <summary>One value of an attribute, with the tag it travels under.</summary>
public abstract record IppValue(IppValueTag Tag)
{
    /// <summary>An integer value.</summary>
    public static IppValue Integer(int value) => new IppIntegerValue(IppValueTag.Integer, value);

    /// <summary>An enum value (e.g. printer-state).</summary>
    public static IppValue Enum(int value) => new IppIntegerValue(IppValueTag.Enum, value);

    /// <summary>A boolean value.</summary>
    public static IppValue Boolean(bool value) => new IppBooleanValue(value);

    /// <summary>A keyword value.</summary>
    public static IppValue Keyword(string value) => new IppStringValue(IppValueTag.Keyword, value);

    /// <summary>A textWithoutLanguage value.</summary>
    public static IppValue Text(string value) => new IppStringValue(IppValueTag.TextWithoutLanguage, value);

    /// <summary>A nameWithoutLanguage value.</summary>
    public static IppValue Name(string value) => new IppStringValue(IppValueTag.NameWithoutLanguage, value);

    /// <summary>A uri value.</summary>
    public static IppValue Uri(string value) => new IppStringValue(IppValueTag.Uri, value);

    /// <summary>A charset value.</summary>
    public static IppValue Charset(string value) => new IppStringValue(IppValueTag.Charset, value);

    /// <summary>A naturalLanguage value.</summary>
    public static IppValue NaturalLanguage(string value) => new IppStringValue(IppValueTag.NaturalLanguage, value);

    /// <summary>A mimeMediaType value.</summary>
    public static IppValue MimeMediaType(string value) => new IppStringValue(IppValueTag.MimeMediaType, value);

    /// <summary>An out-of-band value such as no-value.</summary>
    public static IppValue OutOfBand(IppValueTag tag) => new IppOutOfBandValue(tag);
}

/// <summary>integer or enum.</summary>
public sealed record IppIntegerValue(IppValueTag Tag, int Value) : IppValue(Tag)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>boolean.</summary>
public sealed record IppBooleanValue(bool Value) : IppValue(IppValueTag.Boolean)
{
    /// <inheritdoc />
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>Any character-string value without a language: text, name, keyword, uri, charset, ...</summary>
public sealed record IppStringValue(IppValueTag Tag, string Value) : IppValue(Tag)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>textWithLanguage or nameWithLanguage.</summary>
public sealed record IppStringWithLanguageValue(IppValueTag Tag, string Language, string Value) : IppValue(Tag)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>octetString, and any value whose tag this codec does not know (kept as raw octets).</summary>
public sealed record IppOctetStringValue(IppValueTag Tag, ReadOnlyMemory<byte> Value) : IppValue(Tag)
{
    /// <inheritdoc />
    public bool Equals(IppOctetStringValue? other) =>
        other is not null && Tag == other.Tag && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Tag);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexString(Value.Span);
}

/// <summary>dateTime.</summary>
public sealed record IppDateTimeValue(DateTimeOffset Value) : IppValue(IppValueTag.DateTime)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>resolution.</summary>
public sealed record IppResolutionValue(int CrossFeed, int Feed, IppResolutionUnits Units) : IppValue(IppValueTag.Resolution)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CrossFeed}x{Feed}{(Units == IppResolutionUnits.DotsPerInch ? "dpi" : Units == IppResolutionUnits.DotsPerCentimeter ? "dpcm" : "?")}");
}

/// <summary>rangeOfInteger.</summary>
public sealed record IppRangeValue(int Lower, int Upper) : IppValue(IppValueTag.RangeOfInteger)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lower}-{Upper}");
}

/// <summary>An out-of-band value (unsupported, unknown, no-value, ...); it carries no data.</summary>
public sealed record IppOutOfBandValue(IppValueTag Tag) : IppValue(Tag)
{
    /// <inheritdoc />
    public override string ToString() => Tag.ToString();
}

/// <summary>A collection: an ordered list of member attributes.</summary>
public sealed record IppCollectionValue(IReadOnlyList<IppAttribute> Members) : IppValue(IppValueTag.BeginCollection)
{
    /// <summary>The first member with this name, or null.</summary>
    public IppAttribute? Find(string name) => Members.FirstOrDefault(m => m.Name == name);

    /// <inheritdoc />
    public bool Equals(IppCollectionValue? other) =>
        other is not null && Members.SequenceEqual(other.Members);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var member in Members)
        {
            hash.Add(member);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(" ", Members) + "}";
}
