using FsCheck;
using FsCheck.Fluent;
using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppDecoderPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly byte[][] Seeds =
    [
        IppFixtures.IppEvePrinterAttributes,
        IppEncoder.EncodeRequest(IppMessage.CreateRequest(
            IppOperation.PrintJob,
            9,
            [
                new IppAttribute("printer-uri", IppValue.Uri("ipp://127.0.0.1:631/ipp/print")),
                new IppAttribute("job-name", new IppStringWithLanguageValue(IppValueTag.NameWithLanguage, "en", "label")),
            ],
            [
                new IppAttributeGroup(
                    IppGroupTag.Job,
                    new IppAttribute("copies", IppValue.Integer(2)),
                    new IppAttribute("job-hold-until-time", new IppDateTimeValue(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)))),
                    new IppAttribute("printer-resolution", new IppResolutionValue(203, 203, IppResolutionUnits.DotsPerInch)),
                    new IppAttribute("page-ranges", new IppRangeValue(1, 3)),
                    new IppAttribute("media-ready", IppValue.OutOfBand(IppValueTag.NoValue)),
                    new IppAttribute("vendor", new IppOctetStringValue((IppValueTag)0x5F, new byte[] { 1, 2 }))),
            ],
            "^XA^FDhello^FS^XZ"u8.ToArray())),
    ];

    [Fact]
    public void Arbitrary_bytes_decode_or_throw_only_IppFormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => DecodesOrRejects(bytes))
            .Check(Runs);
    }

    [Fact]
    public void A_valid_header_followed_by_arbitrary_bytes_decodes_or_throws_only_IppFormatException()
    {
        var tails = ArbMap.Default.GeneratorFor<byte[]>()
            .Select(tail => new byte[] { 2, 0, 0, 0, 0, 0, 0, 1, 0x04 }.Concat(tail).ToArray());

        Prop.ForAll(tails.ToArbitrary(), bytes => DecodesOrRejects(bytes))
            .Check(Runs);
    }

    [Fact]
    public void Mutated_valid_messages_decode_or_throw_only_IppFormatException()
    {
        var mutation =
            from kind in Gen.Choose(0, 4)
            from at in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, 255)
            select (Kind: kind, At: at, Value: value);
        var mutated =
            from seed in Gen.Elements(Seeds)
            from mutations in mutation.ListOf()
            select Mutate(seed, mutations);

        Prop.ForAll(mutated.ToArbitrary(), bytes => DecodesOrRejects(bytes))
            .Check(Runs);
    }

    private static bool DecodesOrRejects(byte[] bytes)
    {
        IppMessage decoded;
        try
        {
            decoded = IppDecoder.Decode(bytes);
        }
        catch (IppFormatException)
        {
            return true;
        }

        // Whatever decodes must re-encode, and re-encoding is stable.
        var once = IppEncoder.Encode(decoded);
        var twice = IppEncoder.Encode(IppDecoder.Decode(once));
        return once.AsSpan().SequenceEqual(twice);
    }

    private static byte[] Mutate(byte[] seed, IEnumerable<(int Kind, int At, int Value)> mutations)
    {
        var bytes = seed.ToList();
        foreach (var (kind, at, value) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var position = at % bytes.Count;
            switch (kind)
            {
                case 0:
                    bytes[position] = (byte)value;
                    break;
                case 1:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 2:
                    bytes.Insert(position, (byte)value);
                    break;
                case 3:
                    bytes.RemoveAt(position);
                    break;
                default:
                    bytes.InsertRange(position, bytes.GetRange(position, Math.Min(value % 16, bytes.Count - position)));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
