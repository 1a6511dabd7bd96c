using MachineActors.Drivers.Ipp;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppDecoderMalformedTests
{
    public static TheoryData<string, byte[], string> MalformedMessages()
    {
        static IppByteBuilder Printer() => new IppByteBuilder().Header().Byte(0x04);
        static byte[] Date(byte month = 1, byte deci = 0, byte direction = (byte)'+', byte hours = 0, byte minutes = 0) =>
            [0x07, 0xE9, month, 1, 0, 0, 0, deci, direction, hours, minutes];

        return new TheoryData<string, byte[], string>
        {
            { "empty input", [], "header needs 8 bytes" },
            { "seven bytes", [2, 0, 0, 0, 0, 0, 0], "header needs 8 bytes" },
            { "header only", new IppByteBuilder().Header().Build(), "no end-of-attributes-tag" },
            { "group without end tag", Printer().Build(), "no end-of-attributes-tag" },
            { "reserved delimiter 0x00", new IppByteBuilder().Header().Byte(0x00).End().Build(), "Reserved delimiter tag 0x00" },
            { "value before any group", new IppByteBuilder().Header().Integer(0x21, "x", 1).End().Build(), "before any attribute group" },
            { "name length past the end", Printer().Byte(0x21).UInt16(16).Raw("ab"u8.ToArray()).Build(), "attribute name" },
            { "value length past the end", Printer().Byte(0x21).UInt16(1).Raw((byte)'x').UInt16(4).Raw(0, 0).Build(), "needs 4 byte(s) but only 2 remain" },
            { "name length cut in half", Printer().Byte(0x21).Raw(0x00).Build(), "attribute name length" },
            { "value length cut in half", Printer().Byte(0x21).UInt16(1).Raw((byte)'x', 0x00).Build(), "length" },
            { "negative name length", Printer().Byte(0x21).UInt16(0x8000).Build(), "is negative" },
            { "negative value length", Printer().Byte(0x21).UInt16(1).Raw((byte)'x').UInt16(0xFFFF).Build(), "is negative" },
            { "integer of 3 bytes", Printer().Attribute(0x21, "copies", [0, 0, 1]).End().Build(), "must have 4" },
            { "enum of 5 bytes", Printer().Attribute(0x23, "printer-state", [0, 0, 0, 0, 3]).End().Build(), "must have 4" },
            { "boolean of value 2", Printer().Attribute(0x22, "b", [2]).End().Build(), "only 0x00 and 0x01" },
            { "boolean of 2 bytes", Printer().Attribute(0x22, "b", [0, 1]).End().Build(), "must have 1" },
            { "dateTime of 10 bytes", Printer().Attribute(0x31, "t", new byte[10]).End().Build(), "must have 11" },
            { "dateTime month 13", Printer().Attribute(0x31, "t", Date(month: 13)).End().Build(), "not a valid date" },
            { "dateTime month 0", Printer().Attribute(0x31, "t", Date(month: 0)).End().Build(), "not a valid date" },
            { "dateTime direction x", Printer().Attribute(0x31, "t", Date(direction: (byte)'x')).End().Build(), "UTC direction" },
            { "dateTime deci-seconds 10", Printer().Attribute(0x31, "t", Date(deci: 10)).End().Build(), "deci-seconds" },
            { "dateTime UTC minutes 60", Printer().Attribute(0x31, "t", Date(minutes: 60)).End().Build(), "minutes from UTC" },
            { "dateTime UTC offset 15 h", Printer().Attribute(0x31, "t", Date(hours: 15)).End().Build(), "not a valid date" },
            { "resolution of 8 bytes", Printer().Attribute(0x32, "r", new byte[8]).End().Build(), "must have 9" },
            { "rangeOfInteger of 7 bytes", Printer().Attribute(0x33, "r", new byte[7]).End().Build(), "must have 8" },
            { "textWithLanguage of 1 byte", Printer().Attribute(0x35, "t", [0]).End().Build(), "TextWithLanguage language" },
            { "textWithLanguage language past its value", Printer().Attribute(0x35, "t", [0, 9, (byte)'e', (byte)'n']).End().Build(), "TextWithLanguage language" },
            { "nameWithLanguage text past its value", Printer().Attribute(0x36, "n", [0, 2, (byte)'e', (byte)'n', 0, 5, (byte)'x']).End().Build(), "NameWithLanguage text" },
            { "textWithLanguage trailing bytes", Printer().Attribute(0x35, "t", [0, 2, (byte)'e', (byte)'n', 0, 1, (byte)'x', 0]).End().Build(), "after its text" },
            { "keyword not UTF-8", Printer().Attribute(0x44, "k", [0xC3, 0x28]).End().Build(), "not valid UTF-8" },
            { "name not UTF-8", Printer().Byte(0x44).UInt16(1).Raw(0xFF).UInt16(1).Raw((byte)'v').End().Build(), "not valid UTF-8" },
            { "additional value first in group", Printer().Attribute(0x44, string.Empty, "x").End().Build(), "has no attribute before it" },
            { "additional value first in a new group", Printer().Attribute(0x44, "k", "v").Byte(0x02).Attribute(0x44, string.Empty, "x").End().Build(), "has no attribute before it" },
            { "endCollection at top level", Printer().EndCollection().End().Build(), "without a matching begCollection" },
            { "memberAttrName at top level", Printer().Attribute(0x4A, "m", "x").End().Build(), "outside a collection" },
            { "begCollection with a value", Printer().Attribute(0x34, "c", [1]).End().Build(), "non-empty value" },
            { "collection without end", Printer().BeginCollection("c").Member("m").Integer(0x21, string.Empty, 1).Build(), "has no endCollection" },
            { "collection ended by the end tag", Printer().BeginCollection("c").Member("m").Integer(0x21, string.Empty, 1).End().Build(), "missing endCollection" },
            { "collection ended by a group tag", Printer().BeginCollection("c").Byte(0x02).End().Build(), "missing endCollection" },
            { "collection value before any member name", Printer().BeginCollection("c").Integer(0x21, string.Empty, 1).EndCollection().End().Build(), "before any memberAttrName" },
            { "collection entry with a name", Printer().BeginCollection("c").Attribute(0x4A, "named", "m").EndCollection().End().Build(), "has a name" },
            { "empty member name", Printer().BeginCollection("c").Attribute(0x4A, string.Empty, string.Empty).EndCollection().End().Build(), "is empty" },
            { "member without value before end", Printer().BeginCollection("c").Member("m").EndCollection().End().Build(), "has no value" },
            { "member without value before next member", Printer().BeginCollection("c").Member("m").Member("n").Integer(0x21, string.Empty, 1).EndCollection().End().Build(), "has no value" },
            { "endCollection with a value", Printer().BeginCollection("c").Member("m").Integer(0x21, string.Empty, 1).Attribute(0x37, string.Empty, [1]).End().Build(), "non-empty value" },
            { "nested collection cut short", Printer().BeginCollection("c").Member("m").BeginCollection(string.Empty).Member("n").Build(), "has no endCollection" },
            { "bad value inside a collection", Printer().BeginCollection("c").Member("m").Attribute(0x21, string.Empty, [1]).EndCollection().End().Build(), "must have 4" },
            { "extension tag of 3 bytes", Printer().Attribute(0x7F, "e", [0, 0, 1]).End().Build(), "four-byte type" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Malformed_input_throws_IppFormatException_with_a_clear_message(string description, byte[] bytes, string expectedFragment)
    {
        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes));

        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_real_response_throws_IppFormatException()
    {
        var bytes = IppFixtures.IppEvePrinterAttributes;

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<IppFormatException>(() => IppDecoder.Decode(prefix));
        }

        Assert.NotNull(IppDecoder.Decode(bytes));
    }

    [Fact]
    public void Nesting_beyond_the_default_limit_throws()
    {
        var builder = new IppByteBuilder().Header().Byte(0x04).BeginCollection("c");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Member("m").BeginCollection(string.Empty);
        }

        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(builder.Build()));

        Assert.Contains($"the limit is {IppDecoderLimits.Default.MaxCollectionDepth}", error.Message);
    }

    [Fact]
    public void More_attributes_than_the_limit_throws()
    {
        var builder = new IppByteBuilder().Header().Byte(0x04);
        for (var i = 0; i < 11; i++)
        {
            builder.Integer(0x21, $"a{i}", i);
        }

        var bytes = builder.End().Build();

        Assert.Equal(11, IppDecoder.Decode(bytes).Groups.Single().Attributes.Count);
        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes, new IppDecoderLimits { MaxAttributes = 10 }));
        Assert.Contains("more than 10 attributes", error.Message);
    }

    [Fact]
    public void Collection_members_count_towards_the_attribute_limit()
    {
        var bytes = new IppByteBuilder().Header().Byte(0x04)
            .BeginCollection("c").Member("m1").Integer(0x21, string.Empty, 1).Member("m2").Integer(0x21, string.Empty, 2).EndCollection()
            .End().Build();

        Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes, new IppDecoderLimits { MaxAttributes = 2 }));
        Assert.NotNull(IppDecoder.Decode(bytes, new IppDecoderLimits { MaxAttributes = 3 }));
    }

    [Fact]
    public void More_values_than_the_limit_throws()
    {
        var builder = new IppByteBuilder().Header().Byte(0x04).Attribute(0x44, "k", "v0");
        for (var i = 1; i < 6; i++)
        {
            builder.Attribute(0x44, string.Empty, $"v{i}");
        }

        var bytes = builder.End().Build();

        Assert.Equal(6, IppDecoder.Decode(bytes).Groups.Single().Find("k")!.Values.Count);
        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes, new IppDecoderLimits { MaxValues = 5 }));
        Assert.Contains("more than 5 values", error.Message);
    }

    [Fact]
    public void More_groups_than_the_limit_throws()
    {
        var builder = new IppByteBuilder().Header();
        for (var i = 0; i < 4; i++)
        {
            builder.Byte(0x02);
        }

        var bytes = builder.End().Build();

        Assert.Equal(4, IppDecoder.Decode(bytes).Groups.Count);
        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(bytes, new IppDecoderLimits { MaxGroups = 3 }));
        Assert.Contains("more than 3 attribute groups", error.Message);
    }
}
