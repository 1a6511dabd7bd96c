using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppEncoderTests
{
    [Fact]
    public void Encodes_a_request_byte_for_byte()
    {
        var request = IppMessage.CreateRequest(
            IppOperation.GetPrinterAttributes,
            7,
            [
                new IppAttribute("printer-uri", IppValue.Uri("ipp://p/ipp/print")),
                new IppAttribute("requested-attributes", IppValue.Keyword("printer-state"), IppValue.Keyword("printer-state-reasons")),
            ]);

        var expected = new IppByteBuilder().Header(code: 0x000B, requestId: 7)
            .Byte(0x01)
            .Attribute(0x47, "attributes-charset", "utf-8")
            .Attribute(0x48, "attributes-natural-language", "en")
            .Attribute(0x45, "printer-uri", "ipp://p/ipp/print")
            .Attribute(0x44, "requested-attributes", "printer-state")
            .Attribute(0x44, string.Empty, "printer-state-reasons")
            .End().Build();

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(IppEncoder.EncodeRequest(request)));
    }

    [Fact]
    public void EncodeRequest_puts_charset_and_language_first_and_replaces_caller_values()
    {
        var request = new IppMessage(
            IppVersion.Ipp20,
            (ushort)IppOperation.PrintJob,
            1,
            [
                new IppAttributeGroup(IppGroupTag.Job, new IppAttribute("copies", IppValue.Integer(2))),
                new IppAttributeGroup(
                    IppGroupTag.Operation,
                    new IppAttribute("printer-uri", IppValue.Uri("ipp://p/")),
                    new IppAttribute("attributes-natural-language", IppValue.NaturalLanguage("de")),
                    new IppAttribute("attributes-charset", IppValue.Charset("iso-8859-1"))),
            ],
            "doc"u8.ToArray());

        var decoded = IppDecoder.Decode(IppEncoder.EncodeRequest(request));

        Assert.Equal([IppGroupTag.Operation, IppGroupTag.Job], decoded.Groups.Select(g => g.Tag));
        Assert.Equal(
            ["attributes-charset", "attributes-natural-language", "printer-uri"],
            decoded.Groups[0].Attributes.Select(a => a.Name));
        Assert.Equal("utf-8", decoded.Groups[0].Attributes[0].AsString());
        Assert.Equal("en", decoded.Groups[0].Attributes[1].AsString());
        Assert.Equal(2, decoded.Find(IppGroupTag.Job, "copies")!.AsInteger());
        Assert.Equal("doc"u8.ToArray(), decoded.Data.ToArray());
    }

    [Fact]
    public void EncodeRequest_creates_the_operation_group_when_missing()
    {
        var request = new IppMessage(IppVersion.Ipp20, (ushort)IppOperation.GetJobs, 3, []);

        var decoded = IppDecoder.Decode(IppEncoder.EncodeRequest(request));

        var group = Assert.Single(decoded.Groups);
        Assert.Equal(IppGroupTag.Operation, group.Tag);
        Assert.Equal(["attributes-charset", "attributes-natural-language"], group.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void Encode_writes_a_collection_with_member_names_and_end_markers()
    {
        var message = new IppMessage(
            IppVersion.Ipp20,
            0,
            1,
            [
                new IppAttributeGroup(
                    IppGroupTag.Job,
                    new IppAttribute(
                        "media-col",
                        new IppCollectionValue([new IppAttribute("media-type", IppValue.Keyword("labels"))]))),
            ]);

        var expected = new IppByteBuilder().Header().Byte(0x02)
            .BeginCollection("media-col").Member("media-type").Attribute(0x44, string.Empty, "labels").EndCollection()
            .End().Build();

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(IppEncoder.Encode(message)));
    }

    public static TheoryData<string, IppValue> EveryValueType() => new()
    {
        { "integer", IppValue.Integer(int.MinValue) },
        { "enum", IppValue.Enum(9) },
        { "boolean false", IppValue.Boolean(false) },
        { "boolean true", IppValue.Boolean(true) },
        { "keyword", IppValue.Keyword("media-empty-report") },
        { "text", IppValue.Text("Grüße, 世界") },
        { "name", IppValue.Name(string.Empty) },
        { "uri", IppValue.Uri("ipp://127.0.0.1:631/ipp/print") },
        { "uriScheme", new IppStringValue(IppValueTag.UriScheme, "ipps") },
        { "charset", IppValue.Charset("utf-8") },
        { "naturalLanguage", IppValue.NaturalLanguage("en-us") },
        { "mimeMediaType", IppValue.MimeMediaType("image/pwg-raster") },
        { "textWithLanguage", new IppStringWithLanguageValue(IppValueTag.TextWithLanguage, "de", "Etikett") },
        { "nameWithLanguage", new IppStringWithLanguageValue(IppValueTag.NameWithLanguage, "fr", "Étiquette") },
        { "octetString", new IppOctetStringValue(IppValueTag.OctetString, new byte[] { 0, 1, 255 }) },
        { "unknown tag", new IppOctetStringValue((IppValueTag)0x5F, new byte[] { 42 }) },
        { "dateTime", new IppDateTimeValue(new DateTimeOffset(2026, 2, 28, 13, 14, 15, 900, TimeSpan.FromHours(-7))) },
        { "resolution", new IppResolutionValue(300, 600, IppResolutionUnits.DotsPerCentimeter) },
        { "range", new IppRangeValue(-5, 5) },
        { "no-value", IppValue.OutOfBand(IppValueTag.NoValue) },
        { "unsupported", IppValue.OutOfBand(IppValueTag.Unsupported) },
        {
            "nested collection",
            new IppCollectionValue(
            [
                new IppAttribute("media-size", new IppCollectionValue(
                [
                    new IppAttribute("x-dimension", IppValue.Integer(5080)),
                    new IppAttribute("y-dimension", IppValue.Integer(2540)),
                ])),
                new IppAttribute("media-source", IppValue.Keyword("main"), IppValue.Keyword("alternate")),
            ])
        },
    };

    [Theory]
    [MemberData(nameof(EveryValueType))]
    public void Every_value_type_round_trips(string description, IppValue value)
    {
        var message = new IppMessage(
            IppVersion.Ipp20,
            0x0001,
            42,
            [new IppAttributeGroup(IppGroupTag.Printer, new IppAttribute(description, value, value))],
            new byte[] { 1, 2, 3 });

        var bytes = IppEncoder.Encode(message);
        var decoded = IppDecoder.Decode(bytes);

        var attribute = Assert.Single(Assert.Single(decoded.Groups).Attributes);
        Assert.Equal(new IppAttribute(description, value, value), attribute);
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Data.ToArray());
        Assert.Equal(bytes, IppEncoder.Encode(decoded));
    }

    [Fact]
    public void The_captured_ippeveprinter_response_re_encodes_to_the_same_bytes()
    {
        var bytes = IppFixtures.IppEvePrinterAttributes;

        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(IppEncoder.Encode(IppDecoder.Decode(bytes))));
    }

    [Fact]
    public void A_value_whose_type_does_not_match_its_tag_is_refused()
    {
        var message = new IppMessage(
            IppVersion.Ipp20,
            0,
            1,
            [new IppAttributeGroup(IppGroupTag.Printer, new IppAttribute("x", new IppStringValue(IppValueTag.Integer, "5")))]);

        var error = Assert.Throws<ArgumentException>(() => IppEncoder.Encode(message));

        Assert.Contains("decodes to another type", error.Message);
    }

    [Fact]
    public void A_value_longer_than_32767_bytes_is_refused()
    {
        var message = new IppMessage(
            IppVersion.Ipp20,
            0,
            1,
            [new IppAttributeGroup(IppGroupTag.Printer, new IppAttribute("x", IppValue.Text(new string('a', 32768))))]);

        var error = Assert.Throws<ArgumentException>(() => IppEncoder.Encode(message));

        Assert.Contains("32767", error.Message);
    }

    [Fact]
    public void A_value_of_exactly_32767_bytes_is_accepted()
    {
        var text = new string('a', 32767);
        var message = new IppMessage(
            IppVersion.Ipp20,
            0,
            1,
            [new IppAttributeGroup(IppGroupTag.Printer, new IppAttribute("x", IppValue.Text(text)))]);

        Assert.Equal(text, IppDecoder.Decode(IppEncoder.Encode(message)).Groups[0].Attributes[0].AsString());
    }

    [Fact]
    public void A_group_tag_that_is_not_a_delimiter_is_refused()
    {
        var message = new IppMessage(IppVersion.Ipp20, 0, 1, [new IppAttributeGroup((IppGroupTag)0x03)]);

        Assert.Throws<ArgumentException>(() => IppEncoder.Encode(message));
    }
}
