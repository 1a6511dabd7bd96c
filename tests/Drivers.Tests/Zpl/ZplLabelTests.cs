using System.Text;
using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

public sealed class ZplLabelTests
{
    [Fact]
    public void Wraps_each_line_into_a_field()
    {
        Assert.Equal(
            "^XA^CI28^FO30,30^A0N,30,30^FH_^FDShelf A-12^FS^FO30,67^A0N,30,30^FH_^FDWidget^FS^XZ",
            ZplLabel.FromText("Shelf A-12\r\nWidget"));
    }

    [Fact]
    public void Uses_the_given_position_and_font_height()
    {
        Assert.Equal("^XA^CI28^FO5,7^A0N,40,40^FH_^FDx^FS^FO5,57^A0N,40,40^FH_^FDy^FS^XZ", ZplLabel.FromText("x\ny", 5, 7, 40));
    }

    [Theory]
    [InlineData("a^b", "a_5Eb")]
    [InlineData("~HS", "_7EHS")]
    [InlineData("snake_case", "snake_5Fcase")]
    [InlineData("_5E", "_5F5E")]
    [InlineData("plain ÄÖÜ €", "plain ÄÖÜ €")]
    public void Escapes_characters_that_would_end_the_field_or_start_a_command(string text, string escaped)
    {
        Assert.Equal(escaped, ZplLabel.EscapeFieldData(text));
    }

    [Fact]
    public void Text_with_a_command_in_it_cannot_break_out_of_its_field()
    {
        var zpl = ZplLabel.FromText("^XZ~JR");

        Assert.Equal(1, CountOf(zpl, "^XZ"));
        Assert.DoesNotContain("~JR", zpl, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_are_UTF8_to_match_CI28()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(ZplLabel.FromText("€")), ZplLabel.FromTextToBytes("€"));
        Assert.Contains((byte)0xE2, ZplLabel.FromTextToBytes("€"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
