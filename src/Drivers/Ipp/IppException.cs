using System.Globalization;

namespace MachineActors.Drivers.Ipp;

/// <summary>The printer answered with an error status code (0x0400 and above).</summary>
public sealed class IppException : Exception
{
    /// <summary>Creates the exception for a status code returned by an operation.</summary>
    public IppException(
        IppOperation operation,
        ushort statusCode,
        string? statusMessage,
        IReadOnlyList<IppAttribute>? unsupportedAttributes = null)
        : base(FormatMessage(operation, statusCode, statusMessage, unsupportedAttributes ?? []))
    {
        Operation = operation;
        StatusCode = statusCode;
        StatusName = IppStatusCodes.GetName(statusCode);
        StatusMessage = statusMessage;
        UnsupportedAttributes = unsupportedAttributes ?? [];
    }

    /// <summary>The operation that failed.</summary>
    public IppOperation Operation { get; }

    /// <summary>The raw status code, e.g. 0x040A.</summary>
    public ushort StatusCode { get; }

    /// <summary>The registry keyword, e.g. client-error-document-format-not-supported.</summary>
    public string StatusName { get; }

    /// <summary>The printer's status-message, if it sent one.</summary>
    public string? StatusMessage { get; }

    /// <summary>The unsupported-attributes group: the request attributes (and values) the printer refused.</summary>
    public IReadOnlyList<IppAttribute> UnsupportedAttributes { get; }

    private static string FormatMessage(
        IppOperation operation,
        ushort statusCode,
        string? statusMessage,
        IReadOnlyList<IppAttribute> unsupportedAttributes)
    {
        var code = statusCode.ToString("X4", CultureInfo.InvariantCulture);
        var text = $"IPP {operation} failed: {IppStatusCodes.GetName(statusCode)} (0x{code})";
        if (!string.IsNullOrWhiteSpace(statusMessage))
        {
            text += $": {statusMessage}";
        }

        if (unsupportedAttributes.Count > 0)
        {
            text += $" [unsupported: {string.Join(", ", unsupportedAttributes)}]";
        }

        return text.EndsWith('.') ? text : text + ".";
    }
}
