using System.Net.Http.Headers;
using System.Text;

namespace MachineActors.Machines.Printing;

/// <summary>The content types labels arrive in, and what the drivers make of them.</summary>
public static class LabelContentTypes
{
    /// <summary>Plain text, printed as lines of text.</summary>
    public const string Text = "text/plain";

    /// <summary>PDF.</summary>
    public const string Pdf = "application/pdf";

    /// <summary>Zebra Programming Language, sent to a Zebra as it is.</summary>
    public const string Zpl = "application/zpl";

    private static readonly HashSet<string> ZplTypes = new(StringComparer.Ordinal)
    {
        Zpl, "text/zpl", "application/x-zpl", "text/x-zpl", "application/vnd.zebra-zpl",
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        [Text] = ".txt",
        [Pdf] = ".pdf",
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/pwg-raster"] = ".pwg",
        ["image/urf"] = ".urf",
        ["application/postscript"] = ".ps",
    };

    /// <summary>Whether <paramref name="contentType"/> is a well-formed <c>type/subtype</c>, parameters allowed.</summary>
    public static bool IsValid(string? contentType) =>
        !string.IsNullOrWhiteSpace(contentType)
        && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType is { } mediaType
        && mediaType.IndexOf('/') is > 0 and var slash
        && slash < mediaType.Length - 1;

    /// <summary>The media type without parameters, lower-case: <c>Text/Plain; charset=utf-8</c> gives <c>text/plain</c>.</summary>
    public static string MediaTypeOf(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } mediaType
            ? mediaType.ToLowerInvariant()
            : throw new FormatException($"'{contentType}' is not a content type (type/subtype).");
    }

    /// <summary>The <c>charset</c> parameter as an encoding; UTF-8 when there is none. Throws <see cref="ArgumentException"/> for an unknown charset.</summary>
    public static Encoding EncodingOf(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var charset = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.CharSet?.Trim('"') : null;
        return string.IsNullOrEmpty(charset) ? new UTF8Encoding(false) : Encoding.GetEncoding(charset);
    }

    /// <summary>Whether the media type is one of the names ZPL goes by (application/zpl, text/zpl, x-zpl, vnd.zebra-zpl).</summary>
    public static bool IsZpl(string mediaType) => ZplTypes.Contains(mediaType);

    /// <summary>The file extension for a media type, with its dot: <c>.txt</c>, <c>.pdf</c>, <c>.zpl</c>, ...; <c>.bin</c> when unknown.</summary>
    public static string ExtensionOf(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        if (IsZpl(mediaType))
        {
            return ".zpl";
        }

        return Extensions.GetValueOrDefault(mediaType, ".bin");
    }
}
