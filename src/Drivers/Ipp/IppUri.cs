namespace MachineActors.Drivers.Ipp;

/// <summary>Maps printer URIs to the HTTP URIs that carry them (RFC 8010 section 4).</summary>
public static class IppUri
{
    /// <summary>The port ipp:// and ipps:// URIs use when they name none.</summary>
    public const int DefaultPort = 631;

    /// <summary>
    /// ipp://host[:port]/path becomes http://host:port/path and ipps:// becomes https://, with
    /// port 631 when none is given; http:// and https:// URIs are returned unchanged.
    /// </summary>
    public static Uri ToHttpUri(Uri printerUri)
    {
        ArgumentNullException.ThrowIfNull(printerUri);
        if (!printerUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"Printer URI '{printerUri}' is not absolute.", nameof(printerUri));
        }

        var scheme = printerUri.Scheme.ToLowerInvariant();
        switch (scheme)
        {
            case "http":
            case "https":
                return printerUri;
            case "ipp":
            case "ipps":
                var builder = new UriBuilder(printerUri)
                {
                    Scheme = scheme == "ipp" ? Uri.UriSchemeHttp : Uri.UriSchemeHttps,
                    Port = printerUri.IsDefaultPort || printerUri.Port < 0 ? DefaultPort : printerUri.Port,
                };
                return builder.Uri;
            default:
                throw new ArgumentException(
                    $"Printer URI '{printerUri}' has scheme '{printerUri.Scheme}'; expected ipp, ipps, http or https.",
                    nameof(printerUri));
        }
    }
}
