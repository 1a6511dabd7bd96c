using FsCheck;
using FsCheck.Fluent;
using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

public sealed class ZplStatusParserPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static readonly string[] Seeds =
    [
        FakeZebra.ErrorStatusAnswer(ZebraErrorFlags.MediaOut | ZebraErrorFlags.HeadOpen, ZebraWarningFlags.CleanPrinthead),
        FakeZebra.HostStatusAnswer(paperOut: true, paused: true, headUp: false, ribbonOut: true),
        FakeZebra.ErrorStatusAnswer(ZebraErrorFlags.None, ZebraWarningFlags.None) + FakeZebra.HostStatusAnswer(false, false, false, false),
    ];

    [Fact]
    public void Arbitrary_bytes_parse_or_throw_only_ZplFormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrRejects(() => ZplStatusParser.Parse(bytes)))
            .Check(Runs);
    }

    [Fact]
    public void Mutated_answers_parse_or_throw_only_ZplFormatException()
    {
        var alphabet = "0123456789ABCDEFabcdef,: \r\n\u0002\u0003ERRORSWARNINGSPRINTER-x".ToCharArray();
        var mutation =
            from kind in Gen.Choose(0, 2)
            from at in Gen.Choose(0, int.MaxValue)
            from c in Gen.Elements(alphabet)
            select (Kind: kind, At: at, Char: c);
        var mutated =
            from seed in Gen.Elements(Seeds)
            from mutations in mutation.ListOf()
            select Mutate(seed, mutations);

        Prop.ForAll(mutated.ToArbitrary(), text => ParsesOrRejects(() => ZplStatusParser.Parse(text))
                && ParsesOrRejects(() => ZplStatusParser.ParseErrorStatus(text))
                && ParsesOrRejects(() => ZplStatusParser.ParseHostStatus(text)))
            .Check(Runs);
    }

    private static bool ParsesOrRejects(Func<ZebraStatus> parse)
    {
        try
        {
            return parse().Text.Length > 0;
        }
        catch (ZplFormatException)
        {
            return true;
        }
    }

    private static string Mutate(string seed, IEnumerable<(int Kind, int At, char Char)> mutations)
    {
        var text = new System.Text.StringBuilder(seed);
        foreach (var (kind, at, c) in mutations)
        {
            if (text.Length == 0)
            {
                break;
            }

            var position = at % text.Length;
            switch (kind)
            {
                case 0:
                    text[position] = c;
                    break;
                case 1:
                    text.Insert(position, c);
                    break;
                default:
                    text.Remove(position, 1);
                    break;
            }
        }

        return text.ToString();
    }
}
