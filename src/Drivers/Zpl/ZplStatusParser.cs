using System.Globalization;
using System.Text;

namespace MachineActors.Drivers.Zpl;

/// <summary>
/// Parses a Zebra printer's answers to ~HQES (host query, error status) and ~HS (host status).
/// Whatever the input, the only exception it throws is <see cref="ZplFormatException"/>.
/// <para>~HQES: one STX...ETX frame holding "PRINTER STATUS", then "ERRORS: f gggggggg hhhhhhhh"
/// and "WARNINGS: f gggggggg hhhhhhhh" where f is 0/1 and the two hex groups are group 2 and group 1
/// of the flag bits.</para>
/// <para>~HS: three STX...ETX frames of comma-separated numbers. String 1: [1] paper out,
/// [2] pause, [5] buffer full, [7] partial format, [9] corrupt RAM, [10] under temperature,
/// [11] over temperature. String 2: [2] head up, [3] ribbon out. String 3: password and RAM.</para>
/// </summary>
public static class ZplStatusParser
{
    /// <summary>Start of text: opens every response frame.</summary>
    public const char Stx = '\u0002';

    /// <summary>End of text: closes every response frame.</summary>
    public const char Etx = '\u0003';

    private const int HostStatusFrames = 3;

    /// <summary>Parses raw response bytes (read as Latin-1, so any byte is accepted as a character).</summary>
    public static ZebraStatus Parse(ReadOnlySpan<byte> response) => Parse(Encoding.Latin1.GetString(response));

    /// <summary>Parses an answer to ~HQES, to ~HS, or to both sent together, and combines what it finds.</summary>
    public static ZebraStatus Parse(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var frames = SplitFrames(response);
        var errorFrames = frames.Where(IsErrorStatusFrame).ToArray();
        var hostFrames = frames.Where(f => !IsErrorStatusFrame(f)).ToArray();
        if (errorFrames.Length > 1)
        {
            throw new ZplFormatException($"Response holds {errorFrames.Length} ~HQES answers; expected one. Response: {Show(response)}");
        }

        if (errorFrames.Length == 0 && hostFrames.Length == 0)
        {
            throw new ZplFormatException($"Response holds neither a ~HQES nor a ~HS answer: {Show(response)}");
        }

        var status = errorFrames.Length == 1 ? ParseErrorStatusBody(errorFrames[0]) : ZebraStatus.Ready;
        return hostFrames.Length == 0 ? status : status.Combine(ParseHostStatusFrames(hostFrames, response));
    }

    /// <summary>Parses an answer to ~HQES.</summary>
    public static ZebraStatus ParseErrorStatus(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var framed = response.IndexOf(Stx) >= 0 || response.IndexOf(Etx) >= 0;
        var frames = framed ? SplitFrames(response) : [response];
        if (frames.Count != 1)
        {
            throw new ZplFormatException($"A ~HQES answer is one frame; found {frames.Count}: {Show(response)}");
        }

        return ParseErrorStatusBody(frames[0]);
    }

    /// <summary>Parses an answer to ~HS.</summary>
    public static ZebraStatus ParseHostStatus(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ParseHostStatusFrames(SplitFrames(response), response);
    }

    /// <summary>
    /// The text inside each STX...ETX frame. Input without any STX/ETX is taken as unframed
    /// lines: one frame if it holds an ERRORS: line, otherwise one frame per non-empty line.
    /// </summary>
    private static List<string> SplitFrames(string response)
    {
        if (response.IndexOf(Stx) < 0 && response.IndexOf(Etx) < 0)
        {
            if (response.Contains("ERRORS:", StringComparison.OrdinalIgnoreCase))
            {
                return [response];
            }

            return response.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        var frames = new List<string>();
        var position = 0;
        while (position < response.Length)
        {
            var start = response.IndexOf(Stx, position);
            var outside = start < 0 ? response[position..] : response[position..start];
            if (!string.IsNullOrWhiteSpace(outside))
            {
                throw new ZplFormatException($"Text outside STX...ETX frames at offset {position}: {Show(response)}");
            }

            if (start < 0)
            {
                break;
            }

            var end = response.IndexOf(Etx, start + 1);
            if (end < 0)
            {
                throw new ZplFormatException($"Frame starting at offset {start} has no ETX: {Show(response)}");
            }

            var body = response[(start + 1)..end];
            if (body.IndexOf(Stx) >= 0)
            {
                throw new ZplFormatException($"Frame starting at offset {start} contains another STX: {Show(response)}");
            }

            frames.Add(body);
            position = end + 1;
        }

        return frames;
    }

    private static bool IsErrorStatusFrame(string frame) =>
        frame.Contains("ERRORS", StringComparison.OrdinalIgnoreCase) || frame.Contains("PRINTER STATUS", StringComparison.OrdinalIgnoreCase);

    private static ZebraStatus ParseErrorStatusBody(string body)
    {
        (bool Indicated, ulong Flags)? errors = null;
        (bool Indicated, ulong Flags)? warnings = null;
        foreach (var line in body.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Equals("PRINTER STATUS", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var label = colon < 0 ? line : line[..colon].Trim();
            if (colon < 0 || !(label.Equals("ERRORS", StringComparison.OrdinalIgnoreCase) || label.Equals("WARNINGS", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ZplFormatException($"Unexpected line in a ~HQES answer: {Show(line)}");
            }

            var isErrors = label.Equals("ERRORS", StringComparison.OrdinalIgnoreCase);
            if ((isErrors ? errors : warnings) is not null)
            {
                throw new ZplFormatException($"~HQES answer repeats the {label} line: {Show(body)}");
            }

            var parsed = ParseFlagLine(line[(colon + 1)..], label);
            if (isErrors)
            {
                errors = parsed;
            }
            else
            {
                warnings = parsed;
            }
        }

        if (errors is null || warnings is null)
        {
            throw new ZplFormatException($"~HQES answer needs both an ERRORS and a WARNINGS line: {Show(body)}");
        }

        var errorFlags = (ZebraErrorFlags)errors.Value.Flags;
        return new ZebraStatus
        {
            Errors = errorFlags,
            Warnings = (ZebraWarningFlags)warnings.Value.Flags,
            ErrorIndicated = errors.Value.Indicated,
            WarningIndicated = warnings.Value.Indicated,
            Paused = errorFlags.HasFlag(ZebraErrorFlags.Paused),
        };
    }

    private static (bool Indicated, ulong Flags) ParseFlagLine(string text, string label)
    {
        var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != 3 || tokens[0] is not ("0" or "1") || !IsHexGroup(tokens[1]) || !IsHexGroup(tokens[2]))
        {
            throw new ZplFormatException($"{label} line must be 'f gggggggg hhhhhhhh' (f is 0 or 1, then two 8-digit hex groups): {Show(text)}");
        }

        var group2 = ulong.Parse(tokens[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var group1 = ulong.Parse(tokens[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return (tokens[0] == "1", (group2 << 32) | group1);
    }

    private static bool IsHexGroup(string token) => token.Length == 8 && token.All(char.IsAsciiHexDigit);

    private static ZebraStatus ParseHostStatusFrames(IReadOnlyList<string> frames, string response)
    {
        if (frames.Count != HostStatusFrames)
        {
            throw new ZplFormatException($"A ~HS answer is {HostStatusFrames} strings; found {frames.Count}: {Show(response)}");
        }

        var first = SplitNumericFields(frames[0], 1, minimumFields: 3);
        var second = SplitNumericFields(frames[1], 2, minimumFields: 4);
        if (frames[2].Trim().Length == 0)
        {
            throw new ZplFormatException($"~HS string 3 is empty: {Show(response)}");
        }

        var errors = ZebraErrorFlags.None;
        if (Flag(first, 1, 1))
        {
            errors |= ZebraErrorFlags.MediaOut;
        }

        if (Flag(second, 2, 2))
        {
            errors |= ZebraErrorFlags.HeadOpen;
        }

        if (Flag(second, 3, 2))
        {
            errors |= ZebraErrorFlags.RibbonOut;
        }

        var host = ZebraHostFlags.None;
        host |= OptionalFlag(first, 5) ? ZebraHostFlags.BufferFull : ZebraHostFlags.None;
        host |= OptionalFlag(first, 7) ? ZebraHostFlags.PartialFormat : ZebraHostFlags.None;
        host |= OptionalFlag(first, 9) ? ZebraHostFlags.CorruptRam : ZebraHostFlags.None;
        host |= OptionalFlag(first, 10) ? ZebraHostFlags.UnderTemperature : ZebraHostFlags.None;
        host |= OptionalFlag(first, 11) ? ZebraHostFlags.OverTemperature : ZebraHostFlags.None;

        return new ZebraStatus { Errors = errors, HostFlags = host, Paused = Flag(first, 2, 1) };
    }

    private static string[] SplitNumericFields(string frame, int stringNumber, int minimumFields)
    {
        var fields = frame.Trim().Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length < minimumFields)
        {
            throw new ZplFormatException(
                $"~HS string {stringNumber} has {fields.Length} field(s); at least {minimumFields} are needed: {Show(frame)}");
        }

        var bad = Array.FindIndex(fields, f => f.Length == 0 || !f.All(char.IsAsciiDigit));
        if (bad >= 0)
        {
            throw new ZplFormatException($"~HS string {stringNumber} field {bad + 1} is not a number: {Show(frame)}");
        }

        return fields;
    }

    private static bool Flag(string[] fields, int index, int stringNumber) => fields[index] switch
    {
        "0" => false,
        "1" => true,
        var other => throw new ZplFormatException($"~HS string {stringNumber} field {index + 1} is '{other}'; a flag is 0 or 1."),
    };

    private static bool OptionalFlag(string[] fields, int index) => index < fields.Length && Flag(fields, index, 1);

    private static string Show(string text)
    {
        const int MaxShown = 120;
        var shown = text.Length > MaxShown ? text[..MaxShown] + "..." : text;
        var builder = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            builder.Append(c switch
            {
                Stx => "<STX>",
                Etx => "<ETX>",
                '\r' => "<CR>",
                '\n' => "<LF>",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"<0x{(int)c:X2}>"),
                _ => c.ToString(),
            });
        }

        return "\"" + builder + "\"";
    }
}
