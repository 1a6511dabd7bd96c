using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppStatusCodesTests
{
    [Theory]
    [InlineData(0x0000, "successful-ok")]
    [InlineData(0x0001, "successful-ok-ignored-or-substituted-attributes")]
    [InlineData(0x0400, "client-error-bad-request")]
    [InlineData(0x0406, "client-error-not-found")]
    [InlineData(0x040A, "client-error-document-format-not-supported")]
    [InlineData(0x040C, "client-error-uri-scheme-not-supported")]
    [InlineData(0x0500, "server-error-internal-error")]
    [InlineData(0x0507, "server-error-busy")]
    [InlineData(0x04FF, "client-error-0x04ff")]
    [InlineData(0x05AB, "server-error-0x05ab")]
    [InlineData(0x0099, "successful-ok-0x0099")]
    [InlineData(0x0300, "informational-0x0300")]
    [InlineData(0x7001, "unknown-status-0x7001")]
    public void Names_status_codes_by_their_registry_keyword(int code, string expected)
    {
        Assert.Equal(expected, IppStatusCodes.GetName((ushort)code));
    }

    [Theory]
    [InlineData(0x0000, true)]
    [InlineData(0x0002, true)]
    [InlineData(0x03FF, true)]
    [InlineData(0x0400, false)]
    [InlineData(0x0507, false)]
    public void Codes_from_0x0400_are_errors(int code, bool success)
    {
        Assert.Equal(success, IppStatusCodes.IsSuccess((ushort)code));
    }

    [Fact]
    public void IppException_names_the_status_and_keeps_the_printer_message()
    {
        var error = new IppException(IppOperation.PrintJob, 0x040A, "Unsupported format 'application/zpl'.");

        Assert.Equal("client-error-document-format-not-supported", error.StatusName);
        Assert.Equal(
            "IPP PrintJob failed: client-error-document-format-not-supported (0x040A): Unsupported format 'application/zpl'.",
            error.Message);
    }
}
