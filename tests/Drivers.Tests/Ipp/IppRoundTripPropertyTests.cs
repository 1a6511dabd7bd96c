using FsCheck;
using FsCheck.Fluent;
using MachineActors.Drivers.Ipp;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppRoundTripPropertyTests
{
    private static readonly IppValueTag[] StringTags =
    [
        IppValueTag.TextWithoutLanguage,
        IppValueTag.NameWithoutLanguage,
        IppValueTag.Keyword,
        IppValueTag.Uri,
        IppValueTag.UriScheme,
        IppValueTag.Charset,
        IppValueTag.NaturalLanguage,
        IppValueTag.MimeMediaType,
    ];

    private static readonly IppValueTag[] OutOfBandTags =
        [IppValueTag.Unsupported, IppValueTag.Default, IppValueTag.Unknown, IppValueTag.NoValue, IppValueTag.NotSettable];

    private static readonly IppGroupTag[] GroupTags =
        [IppGroupTag.Operation, IppGroupTag.Job, IppGroupTag.Printer, IppGroupTag.Unsupported, IppGroupTag.Document];

    private static readonly char[] TextCharacters = [.. "abcxyz-_ 019:/.,", 'ä', 'é', '€', '世', '\t'];

    [Fact]
    public void Any_message_survives_encode_then_decode()
    {
        Prop.ForAll(Message().ToArbitrary(), message =>
            {
                var decoded = IppDecoder.Decode(IppEncoder.Encode(message));
                return decoded.Version == message.Version
                    && decoded.Code == message.Code
                    && decoded.RequestId == message.RequestId
                    && decoded.Groups.SequenceEqual(message.Groups)
                    && decoded.Data.Span.SequenceEqual(message.Data.Span);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static Gen<IppMessage> Message() =>
        from major in Gen.Choose(1, 2)
        from code in Gen.Choose(0, 0x7FFF)
        from requestId in Gen.Choose(1, int.MaxValue)
        from groups in Group().ListOf().Resize(4)
        from data in ArbMap.Default.GeneratorFor<byte[]>()
        select new IppMessage(new IppVersion((byte)major, 0), (ushort)code, requestId, groups.ToArray(), data);

    private static Gen<IppAttributeGroup> Group() =>
        from tag in Gen.Elements(GroupTags)
        from attributes in Attribute(depth: 0).ListOf().Resize(6)
        select new IppAttributeGroup(tag, attributes.ToArray());

    private static Gen<IppAttribute> Attribute(int depth) =>
        from name in Name()
        from first in Value(depth)
        from more in Value(depth).ListOf().Resize(3)
        select new IppAttribute(name, [first, .. more]);

    private static Gen<string> Name() =>
        from length in Gen.Choose(1, 24)
        from chars in Gen.Elements("abcdefghijklmnopqrstuvwxyz-".ToCharArray()).ArrayOf(length)
        select new string(chars);

    private static Gen<string> Text() =>
        from length in Gen.Choose(0, 30)
        from chars in Gen.Elements(TextCharacters).ArrayOf(length)
        select new string(chars);

    private static Gen<IppValue> Value(int depth)
    {
        var scalars = new[]
        {
            ArbMap.Default.GeneratorFor<int>().Select(IppValue.Integer),
            Gen.Choose(1, 100).Select(IppValue.Enum),
            ArbMap.Default.GeneratorFor<bool>().Select(IppValue.Boolean),
            Gen.Zip(Gen.Elements(StringTags), Text()).Select(p => (IppValue)new IppStringValue(p.Item1, p.Item2)),
            from tag in Gen.Elements(IppValueTag.TextWithLanguage, IppValueTag.NameWithLanguage)
            from language in Gen.Elements("en", "de-DE", "fr", string.Empty)
            from text in Text()
            select (IppValue)new IppStringWithLanguageValue(tag, language, text),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => (IppValue)new IppOctetStringValue(IppValueTag.OctetString, b)),
            from ticks in Gen.Choose(0, int.MaxValue)
            from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
            select (IppValue)new IppDateTimeValue(new DateTimeOffset(
                new DateTime(2000, 1, 1).AddSeconds(ticks / 10).AddMilliseconds(ticks % 10 * 100),
                TimeSpan.FromMinutes(offsetMinutes))),
            from x in ArbMap.Default.GeneratorFor<int>()
            from y in ArbMap.Default.GeneratorFor<int>()
            from units in Gen.Elements(IppResolutionUnits.DotsPerInch, IppResolutionUnits.DotsPerCentimeter)
            select (IppValue)new IppResolutionValue(x, y, units),
            Gen.Zip(ArbMap.Default.GeneratorFor<int>(), ArbMap.Default.GeneratorFor<int>()).Select(p => (IppValue)new IppRangeValue(p.Item1, p.Item2)),
            Gen.Elements(OutOfBandTags).Select(IppValue.OutOfBand),
        };

        if (depth >= 3)
        {
            return Gen.OneOf(scalars);
        }

        var collection = Attribute(depth + 1).ListOf().Resize(3).Select(members => (IppValue)new IppCollectionValue(members.ToArray()));
        return Gen.Frequency((10, Gen.OneOf(scalars)), (1, collection));
    }
}
