namespace MachineActors.Drivers.Ipp;

/// <summary>Where and how an <see cref="IppClient"/> talks to one printer.</summary>
public sealed record IppClientOptions
{
    /// <summary>The printer URI, e.g. ipp://printer.local:631/ipp/print; sent as printer-uri in every request.</summary>
    public required Uri PrinterUri { get; init; }

    /// <summary>User name for HTTP basic authentication; none when null.</summary>
    public string? UserName { get; init; }

    /// <summary>Password for HTTP basic authentication.</summary>
    public string? Password { get; init; }

    /// <summary>requesting-user-name sent with every request.</summary>
    public string RequestingUserName { get; init; } = "machine-actors";

    /// <summary>How long one operation may take, from sending the request to reading the whole response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Responses larger than this are refused; Get-Printer-Attributes 'all' is typically under 64 KiB.</summary>
    public int MaxResponseBytes { get; init; } = 8 * 1024 * 1024;
}
