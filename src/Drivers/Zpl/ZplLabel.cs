using System.Globalization;
using System.Text;

namespace MachineActors.Drivers.Zpl;

/// <summary>Builds the simplest useful label: lines of text in the built-in font, one field per line.</summary>
public static class ZplLabel
{
    /// <summary>
    /// Wraps text into ^XA ... ^XZ with UTF-8 (^CI28); each line becomes a field at the left
    /// margin, <paramref name="fontHeight"/> dots high. Field data is hex-escaped with ^FH so that
    /// ^, ~ and _ in the text cannot end the field or start a command.
    /// </summary>
    public static string FromText(string text, int left = 30, int top = 30, int fontHeight = 30)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfLessThan(fontHeight, 1);

        var builder = new StringBuilder("^XA^CI28");
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var y = top + (i * fontHeight * 5 / 4);
            builder.Append(CultureInfo.InvariantCulture, $"^FO{left},{y}^A0N,{fontHeight},{fontHeight}^FH_^FD{EscapeFieldData(lines[i])}^FS");
        }

        return builder.Append("^XZ").ToString();
    }

    /// <summary>The label as bytes to send (UTF-8, matching ^CI28).</summary>
    public static byte[] FromTextToBytes(string text) => Encoding.UTF8.GetBytes(FromText(text));

    /// <summary>Replaces ^, ~ and _ with their ^FH hex escapes (_5E, _7E, _5F).</summary>
    public static string EscapeFieldData(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("_", "_5F", StringComparison.Ordinal)
            .Replace("^", "_5E", StringComparison.Ordinal)
            .Replace("~", "_7E", StringComparison.Ordinal);
    }
}
