using System.Globalization;
using System.Text;
using MachineActors.Drivers.Zpl;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// Turns a label into the bytes sent to a Zebra. ZPL labels are sent as they are, repeated once per copy (a format may
/// hold several ^XA...^XZ blocks or its own ^PQ, so it is never rewritten). Text labels become one
/// <see cref="ZplLabel.FromText"/> format laid out for the printer's dots per millimetre, with ^PQ for copies above one.
/// </summary>
internal static class ZplPayload
{
    /// <summary>Margins and font height in millimetres (30 dots at 8 dpmm).</summary>
    private const double LayoutMillimetres = 3.75;

    /// <summary>The bytes to send, or null when the label's content type is neither ZPL nor plain text.</summary>
    public static byte[]? Build(Label label, int copies, int dotsPerMillimetre)
    {
        var mediaType = label.MediaType;
        if (LabelContentTypes.IsZpl(mediaType))
        {
            var zpl = label.Content.Span;
            var payload = new byte[zpl.Length * copies];
            for (var copy = 0; copy < copies; copy++)
            {
                zpl.CopyTo(payload.AsSpan(copy * zpl.Length));
            }

            return payload;
        }

        if (mediaType != LabelContentTypes.Text)
        {
            return null;
        }

        var text = LabelContentTypes.EncodingOf(label.ContentType).GetString(label.Content.Span);
        var dots = (int)Math.Round(LayoutMillimetres * dotsPerMillimetre, MidpointRounding.AwayFromZero);
        var format = ZplLabel.FromText(text, left: dots, top: dots, fontHeight: dots);
        if (copies > 1)
        {
            format = string.Concat(format.AsSpan(0, format.Length - "^XZ".Length), string.Create(CultureInfo.InvariantCulture, $"^PQ{copies}^XZ"));
        }

        return Encoding.UTF8.GetBytes(format);
    }
}
