using MachineActors.Drivers.Ipp;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppUriTests
{
    [Theory]
    [InlineData("ipp://printer.local:8631/ipp/print", "http://printer.local:8631/ipp/print")]
    [InlineData("ipp://printer.local/ipp/print", "http://printer.local:631/ipp/print")]
    [InlineData("ipps://10.0.0.5/ipp/print?x=1", "https://10.0.0.5:631/ipp/print?x=1")]
    [InlineData("IPP://Printer:631/", "http://printer:631/")]
    [InlineData("ipp://[::1]:1234/ipp/print", "http://[::1]:1234/ipp/print")]
    [InlineData("http://127.0.0.1:631/printers/zebra", "http://127.0.0.1:631/printers/zebra")]
    public void Maps_printer_uris_to_http(string printerUri, string expected)
    {
        Assert.Equal(new Uri(expected), IppUri.ToHttpUri(new Uri(printerUri)));
    }

    [Theory]
    [InlineData("ftp://printer/ipp")]
    [InlineData("socket://printer:9100")]
    public void Refuses_other_schemes(string printerUri)
    {
        var error = Assert.Throws<ArgumentException>(() => IppUri.ToHttpUri(new Uri(printerUri)));

        Assert.Contains("expected ipp, ipps, http or https", error.Message);
    }
}
