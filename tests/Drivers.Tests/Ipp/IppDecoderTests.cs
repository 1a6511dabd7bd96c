using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppDecoderTests
{
    [Fact]
    public void Decodes_the_header()
    {
        var bytes = new IppByteBuilder().Header(code: 0x040A, requestId: 0x01020304, major: 1, minor: 1).End().Build();

        var message = IppDecoder.Decode(bytes);

        Assert.Equal(new IppVersion(1, 1), message.Version);
        Assert.Equal(0x040A, message.Code);
        Assert.Equal(IppStatusCode.ClientErrorDocumentFormatNotSupported, message.StatusCode);
        Assert.Equal(0x01020304, message.RequestId);
        Assert.Empty(message.Groups);
        Assert.True(message.Data.IsEmpty);
    }

    [Fact]
    public void Decodes_groups_in_order_including_repeated_tags()
    {
        var bytes = new IppByteBuilder().Header()
            .Byte(0x01).Attribute(0x47, "attributes-charset", "utf-8")
            .Byte(0x02).Integer(0x21, "job-id", 1)
            .Byte(0x02).Integer(0x21, "job-id", 2)
            .Byte(0x04)
            .End().Build();

        var message = IppDecoder.Decode(bytes);

        Assert.Equal(
            [IppGroupTag.Operation, IppGroupTag.Job, IppGroupTag.Job, IppGroupTag.Printer],
            message.Groups.Select(g => g.Tag));
        Assert.Equal(2, message.Groups[2].Find("job-id")!.AsInteger());
        Assert.Empty(message.Groups[3].Attributes);
    }

    [Fact]
    public void Decodes_every_scalar_value_type()
    {
        var bytes = new IppByteBuilder().Header()
            .Byte(0x04)
            .Integer(0x21, "copies", -7)
            .Attribute(0x22, "printer-is-accepting-jobs", [0x01])
            .Integer(0x23, "printer-state", 3)
            .Attribute(0x30, "printer-input-tray", [0x00, 0xFF, 0x10])
            .Attribute(0x31, "printer-current-time", [0x07, 0xE9, 12, 31, 23, 59, 58, 7, (byte)'-', 5, 30])
            .Attribute(0x32, "printer-resolution-default", [0, 0, 0, 203, 0, 0, 1, 44, 3])
            .Attribute(0x33, "copies-supported", [0, 0, 0, 1, 0, 0, 3, 231])
            .Attribute(0x35, "printer-info", [0, 5, .. "de-DE"u8, 0, 5, .. "Büro"u8])
            .Attribute(0x36, "printer-name", [0, 2, .. "fr"u8, 0, 1, .. "x"u8])
            .Attribute(0x41, "printer-state-message", "Idle.")
            .Attribute(0x42, "job-name", "label")
            .Attribute(0x44, "printer-state-reasons", "none")
            .Attribute(0x45, "printer-uri-supported", "ipp://localhost/ipp/print")
            .Attribute(0x46, "uri-scheme-supported", "ipp")
            .Attribute(0x47, "charset-configured", "utf-8")
            .Attribute(0x48, "natural-language-configured", "en")
            .Attribute(0x49, "document-format-default", "text/plain")
            .End().Build();

        var printer = IppDecoder.Decode(bytes).Groups.Single();

        Assert.Equal(new IppIntegerValue(IppValueTag.Integer, -7), printer.Find("copies")!.Value);
        Assert.Equal(new IppBooleanValue(true), printer.Find("printer-is-accepting-jobs")!.Value);
        Assert.Equal(new IppIntegerValue(IppValueTag.Enum, 3), printer.Find("printer-state")!.Value);
        Assert.Equal(new IppOctetStringValue(IppValueTag.OctetString, new byte[] { 0x00, 0xFF, 0x10 }), printer.Find("printer-input-tray")!.Value);
        Assert.Equal(
            new IppDateTimeValue(new DateTimeOffset(2025, 12, 31, 23, 59, 58, 700, TimeSpan.FromMinutes(-330))),
            printer.Find("printer-current-time")!.Value);
        Assert.Equal(new IppResolutionValue(203, 300, IppResolutionUnits.DotsPerInch), printer.Find("printer-resolution-default")!.Value);
        Assert.Equal(new IppRangeValue(1, 999), printer.Find("copies-supported")!.Value);
        Assert.Equal(new IppStringWithLanguageValue(IppValueTag.TextWithLanguage, "de-DE", "Büro"), printer.Find("printer-info")!.Value);
        Assert.Equal(new IppStringWithLanguageValue(IppValueTag.NameWithLanguage, "fr", "x"), printer.Find("printer-name")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.TextWithoutLanguage, "Idle."), printer.Find("printer-state-message")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.NameWithoutLanguage, "label"), printer.Find("job-name")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.Keyword, "none"), printer.Find("printer-state-reasons")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.Uri, "ipp://localhost/ipp/print"), printer.Find("printer-uri-supported")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.UriScheme, "ipp"), printer.Find("uri-scheme-supported")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.Charset, "utf-8"), printer.Find("charset-configured")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.NaturalLanguage, "en"), printer.Find("natural-language-configured")!.Value);
        Assert.Equal(new IppStringValue(IppValueTag.MimeMediaType, "text/plain"), printer.Find("document-format-default")!.Value);
    }

    [Fact]
    public void Additional_values_with_an_empty_name_join_the_previous_attribute_even_with_another_tag()
    {
        var bytes = new IppByteBuilder().Header()
            .Byte(0x04)
            .Attribute(0x44, "printer-state-reasons", "media-empty-report")
            .Attribute(0x44, string.Empty, "toner-low-warning")
            .Attribute(0x42, string.Empty, "custom-name")
            .Integer(0x23, "printer-state", 5)
            .End().Build();

        var printer = IppDecoder.Decode(bytes).Groups.Single();

        var reasons = printer.Find("printer-state-reasons")!;
        Assert.Equal(["media-empty-report", "toner-low-warning", "custom-name"], reasons.AsStrings());
        Assert.Equal(IppValueTag.NameWithoutLanguage, reasons.Values[2].Tag);
        Assert.Equal(5, printer.Find("printer-state")!.AsInteger());
    }

    [Theory]
    [InlineData(0x10, IppValueTag.Unsupported)]
    [InlineData(0x12, IppValueTag.Unknown)]
    [InlineData(0x13, IppValueTag.NoValue)]
    public void Out_of_band_values_decode_to_their_tag(byte tag, IppValueTag expected)
    {
        var bytes = new IppByteBuilder().Header().Byte(0x04).Attribute(tag, "media-ready", []).End().Build();

        var attribute = IppDecoder.Decode(bytes).Groups.Single().Find("media-ready")!;

        Assert.True(attribute.IsOutOfBand);
        Assert.Equal(new IppOutOfBandValue(expected), attribute.Value);
    }

    [Fact]
    public void Out_of_band_value_bytes_are_ignored_as_rfc_8010_requires()
    {
        var bytes = new IppByteBuilder().Header().Byte(0x04).Attribute(0x13, "media-ready", [1, 2, 3]).End().Build();

        Assert.Equal(new IppOutOfBandValue(IppValueTag.NoValue), IppDecoder.Decode(bytes).Groups.Single().Find("media-ready")!.Value);
    }

    [Theory]
    [InlineData(0x20)]
    [InlineData(0x38)]
    [InlineData(0x4B)]
    [InlineData(0x60)]
    [InlineData(0xFF)]
    public void Unknown_value_tags_are_kept_as_raw_octets(byte tag)
    {
        var bytes = new IppByteBuilder().Header().Byte(0x04).Attribute(tag, "vendor-thing", [9, 8, 7]).End().Build();

        var value = IppDecoder.Decode(bytes).Groups.Single().Find("vendor-thing")!.Value;

        Assert.Equal(new IppOctetStringValue((IppValueTag)tag, new byte[] { 9, 8, 7 }), value);
    }

    [Fact]
    public void Extension_tag_keeps_its_value_including_the_real_tag()
    {
        var bytes = new IppByteBuilder().Header().Byte(0x04).Attribute(0x7F, "ext", [0, 0, 1, 0, 42]).End().Build();

        var value = Assert.IsType<IppOctetStringValue>(IppDecoder.Decode(bytes).Groups.Single().Find("ext")!.Value);

        Assert.Equal(IppValueTag.Extension, value.Tag);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 42 }, value.Value.ToArray());
    }

    [Fact]
    public void Document_data_after_the_end_tag_is_kept()
    {
        var bytes = new IppByteBuilder().Header(code: 0x0002).Byte(0x01).Attribute(0x47, "attributes-charset", "utf-8")
            .End().Raw("hello\x03\x01"u8.ToArray()).Build();

        var message = IppDecoder.Decode(bytes);

        Assert.Equal(IppOperation.PrintJob, message.Operation);
        Assert.Equal("hello\x03\x01"u8.ToArray(), message.Data.ToArray());
    }

    [Fact]
    public void Decodes_nested_collections_with_multi_valued_members()
    {
        var bytes = new IppByteBuilder().Header()
            .Byte(0x04)
            .BeginCollection("media-col-default")
                .Member("media-size")
                .BeginCollection(string.Empty)
                    .Member("x-dimension").Integer(0x21, string.Empty, 10160)
                    .Member("y-dimension").Integer(0x21, string.Empty, 15240)
                .EndCollection()
                .Member("media-source-properties")
                .Attribute(0x44, string.Empty, "a")
                .Attribute(0x44, string.Empty, "b")
            .EndCollection()
            .BeginCollection(string.Empty)
                .Member("media-type").Attribute(0x44, string.Empty, "labels")
            .EndCollection()
            .Integer(0x23, "printer-state", 3)
            .End().Build();

        var printer = IppDecoder.Decode(bytes).Groups.Single();

        var mediaCol = printer.Find("media-col-default")!;
        Assert.Equal(2, mediaCol.Values.Count);
        var first = Assert.IsType<IppCollectionValue>(mediaCol.Values[0]);
        var size = Assert.IsType<IppCollectionValue>(first.Find("media-size")!.Value);
        Assert.Equal(10160, size.Find("x-dimension")!.AsInteger());
        Assert.Equal(15240, size.Find("y-dimension")!.AsInteger());
        Assert.Equal(["a", "b"], first.Find("media-source-properties")!.AsStrings());
        var second = Assert.IsType<IppCollectionValue>(mediaCol.Values[1]);
        Assert.Equal("labels", second.Find("media-type")!.AsString());
        Assert.Equal(3, printer.Find("printer-state")!.AsInteger());
    }

    [Fact]
    public void Decodes_a_response_captured_from_ippeveprinter()
    {
        var message = IppDecoder.Decode(IppFixtures.IppEvePrinterAttributes);

        Assert.Equal(IppVersion.Ipp20, message.Version);
        Assert.Equal(IppStatusCode.SuccessfulOk, message.StatusCode);
        Assert.Equal(1, message.RequestId);
        Assert.Equal("utf-8", message.Find(IppGroupTag.Operation, "attributes-charset")!.AsString());
        var printer = new IppPrinterAttributes(message.FindGroup(IppGroupTag.Printer)!);
        Assert.Equal(IppPrinterState.Idle, printer.State);
        Assert.Equal(["none"], printer.StateReasons);
        Assert.Equal("Explore", printer.Find("printer-name")!.AsString());
        Assert.Equal(new IppResolutionValue(600, 600, IppResolutionUnits.DotsPerInch), printer.Find("printer-resolution-default")!.Value);
        Assert.Equal(13, printer.Find("operations-supported")!.Values.Count);
        Assert.Contains(new IppIntegerValue(IppValueTag.Enum, (int)IppOperation.PrintJob), printer.Find("operations-supported")!.Values);

        var mediaCol = Assert.IsType<IppCollectionValue>(printer.Find("media-col-default")!.Value);
        Assert.Equal(
            ["media-key", "media-size", "media-size-name", "media-bottom-margin", "media-left-margin", "media-right-margin", "media-top-margin", "media-source", "media-type"],
            mediaCol.Members.Select(m => m.Name));
        var size = Assert.IsType<IppCollectionValue>(mediaCol.Find("media-size")!.Value);
        Assert.Equal(21590, size.Find("x-dimension")!.AsInteger());
        Assert.Equal(27940, size.Find("y-dimension")!.AsInteger());
        Assert.Equal("stationery", mediaCol.Find("media-type")!.AsString());
    }

    [Fact]
    public void Collections_at_the_depth_limit_decode_and_one_deeper_fails()
    {
        static byte[] Nested(int depth)
        {
            var builder = new IppByteBuilder().Header().Byte(0x04).BeginCollection("deep");
            for (var i = 1; i < depth; i++)
            {
                builder.Member("inner").BeginCollection(string.Empty);
            }

            builder.Member("leaf").Integer(0x21, string.Empty, 1);
            for (var i = 0; i < depth; i++)
            {
                builder.EndCollection();
            }

            return builder.End().Build();
        }

        var limits = new IppDecoderLimits { MaxCollectionDepth = 4 };

        Assert.NotNull(IppDecoder.Decode(Nested(4), limits).Groups.Single().Find("deep"));
        var error = Assert.Throws<IppFormatException>(() => IppDecoder.Decode(Nested(5), limits));
        Assert.Contains("nested 5 levels deep", error.Message);
    }
}
