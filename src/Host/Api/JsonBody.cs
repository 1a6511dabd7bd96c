using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace MachineActors.Host.Api;

/// <summary>
/// Reads a request body as a JSON object, so every kind of bad input gets a 400 that says what is wrong
/// (not JSON, not an object, too large) before anything is changed.
/// </summary>
public static class JsonBody
{
    /// <summary>Largest JSON body accepted on machine and token endpoints.</summary>
    public const int MaxBytes = 256 * 1024;

    public static async Task<(JsonElement Body, IResult? Error)> ReadObject(HttpRequest request, int maxBytes = MaxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (default, ApiResults.BadRequest("The body must be JSON (Content-Type: application/json)."));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (default, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            // The document reads the buffer in place; only the clone returned below outlives it.
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, ApiResults.BadRequest("The body must be a JSON object."));
            }
            if (!HasOnlyValidText(document.RootElement))
            {
                // The parser accepts bytes that are not UTF-8 and an escaped lone surrogate (\ud800) inside a string.
                return (default, ApiResults.BadRequest("Malformed JSON: a string or property name is not valid Unicode (invalid UTF-8 or an unpaired surrogate)."));
            }
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, ApiResults.BadRequest($"Malformed JSON: {e.Message}"));
        }
    }

    /// <summary>Whether every string and property name can be read, so no endpoint fails on one later.</summary>
    private static bool HasOnlyValidText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsReadable(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name) || !HasOnlyValidText(property.Value))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!HasOnlyValidText(item))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.String:
                return IsReadable(JsonMarshal.GetRawUtf8Value(element), element.GetString);
            default:
                return true;
        }
    }

    /// <summary>
    /// The parser checks neither the UTF-8 inside strings nor what an escape stands for: the raw bytes must be UTF-8,
    /// and escaped text (only escaped text, so large plain values are not decoded twice) must decode.
    /// </summary>
    private static bool IsReadable(ReadOnlySpan<byte> raw, Func<string?> read)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }
        if (!raw.Contains((byte)'\\'))
        {
            return true;
        }
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Json(new { detail = $"The body is larger than {maxBytes} bytes." }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
