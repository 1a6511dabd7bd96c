using System.Diagnostics;
using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

/// <summary>IppClient and PrinterStateMapper against a real ippeveprinter.</summary>
public sealed class IppEvePrinterTests(IppEvePrinterFixture printer) : IClassFixture<IppEvePrinterFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Get_printer_attributes_returns_state_and_reasons()
    {
        var attributes = await Client(printer).GetPrinterAttributesAsync(["printer-state", "printer-state-reasons", "printer-name"]);

        Assert.Equal(IppPrinterState.Idle, attributes.State);
        Assert.Equal(["none"], attributes.StateReasons);
        Assert.Equal(IppEvePrinterFixture.PrinterName, attributes.Find("printer-name")!.AsString());
        Assert.Equal(IppPrinterCondition.Ready, PrinterStateMapper.Map(attributes).Condition);
    }

    [Fact]
    public async Task Get_printer_attributes_without_a_list_returns_everything_including_collections()
    {
        var attributes = await Client(printer).GetPrinterAttributesAsync();

        var mediaCol = Assert.IsType<IppCollectionValue>(attributes.Find("media-col-default")!.Value);
        Assert.IsType<IppCollectionValue>(mediaCol.Find("media-size")!.Value);
        Assert.Contains("text/plain", attributes.Find("document-format-supported")!.AsStrings());
        Assert.True(attributes.Group.Attributes.Count > 50, $"only {attributes.Group.Attributes.Count} attributes");
    }

    [Fact]
    public async Task Print_job_completes_and_the_exact_bytes_are_spooled()
    {
        var client = Client(printer);
        var document = "Shelf A-12\nWidget, blue\n\u00e4\u00f6\u00fc \u20ac 42\n"u8.ToArray();

        var job = await client.PrintJobAsync(new IppPrintJobRequest
        {
            Document = document,
            DocumentFormat = "text/plain",
            JobName = "shelf-label",
        });

        Assert.True(job.JobId > 0);
        Assert.Equal($"{printer.PrinterUri}/{job.JobId}", job.JobUri);
        var done = await PollUntilTerminalAsync(client, job.JobId);
        Assert.Equal(IppJobState.Completed, done.State);

        var spooled = Path.Combine(printer.SpoolDirectory, $"{job.JobId}-shelf-label.dat");
        Assert.True(File.Exists(spooled), $"{spooled} missing; spool holds: {string.Join(", ", Directory.GetFiles(printer.SpoolDirectory).Select(Path.GetFileName))}");
        Assert.Equal(document, await File.ReadAllBytesAsync(spooled));
    }

    [Fact]
    public async Task An_unsupported_document_format_is_an_IppException_naming_the_status_and_the_attribute()
    {
        var error = await Assert.ThrowsAsync<IppException>(() => Client(printer).PrintJobAsync(new IppPrintJobRequest
        {
            Document = "^XA^XZ"u8.ToArray(),
            DocumentFormat = "application/vnd.zebra-zpl",
            JobName = "zpl",
        }));

        // ippeveprinter answers attributes-or-values-not-supported (not document-format-not-supported)
        // and names the refused attribute in the unsupported-attributes group.
        Assert.Equal("client-error-attributes-or-values-not-supported", error.StatusName);
        Assert.Equal((ushort)IppStatusCode.ClientErrorAttributesOrValuesNotSupported, error.StatusCode);
        var refused = Assert.Single(error.UnsupportedAttributes);
        Assert.Equal("document-format", refused.Name);
        Assert.Equal("application/vnd.zebra-zpl", refused.AsString());
        Assert.Contains("[unsupported: document-format=application/vnd.zebra-zpl]", error.Message);
    }

    [Fact]
    public async Task Get_job_attributes_of_an_unknown_job_is_client_error_not_found()
    {
        var error = await Assert.ThrowsAsync<IppException>(() => Client(printer).GetJobAttributesAsync(987654));

        Assert.Equal("client-error-not-found", error.StatusName);
    }

    [Fact]
    public async Task An_empty_media_tray_is_reported_as_media_empty_and_mapped_to_NoMedia()
    {
        var own = new IppEvePrinterFixture();
        await own.InitializeAsync();
        try
        {
            var client = Client(own);

            await own.SetMainTrayLevelAsync(0);
            var empty = await client.GetPrinterAttributesAsync(["printer-state", "printer-state-reasons"]);

            Assert.Contains("media-empty-report", empty.StateReasons);
            var status = PrinterStateMapper.Map(empty);
            Assert.Equal(IppPrinterCondition.NoMedia, status.Condition);
            Assert.Equal("Idle: media empty (report)", status.Text);

            await own.SetMainTrayLevelAsync(250);
            var refilled = await client.GetPrinterAttributesAsync(["printer-state", "printer-state-reasons"]);

            Assert.Equal(["none"], refilled.StateReasons);
            Assert.Equal(IppPrinterCondition.Ready, PrinterStateMapper.Map(refilled).Condition);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_printer_surfaces_as_an_IppConnectionException()
    {
        var own = new IppEvePrinterFixture();
        await own.InitializeAsync();
        try
        {
            var client = Client(own);
            Assert.Equal(IppPrinterState.Idle, (await client.GetPrinterAttributesAsync(["printer-state"])).State);

            await own.StopPrinterAsync();

            var stopwatch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<IppConnectionException>(() => client.GetPrinterAttributesAsync(["printer-state"]));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
            Assert.IsType<HttpRequestException>(error.InnerException);
            Assert.Contains($"127.0.0.1:{own.Port}", error.Message);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public void A_missing_tool_fails_with_instructions_instead_of_skipping()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IppEvePrinterFixture.RequireTool("ippeveprinter", "/nonexistent-dir"));

        Assert.Contains("apt-get install -y cups-ipp-utils dbus", error.Message);
        Assert.Contains("'ippeveprinter' is not on PATH", error.Message);
    }

    private IppClient Client(IppEvePrinterFixture target) =>
        new(_http, new IppClientOptions { PrinterUri = target.PrinterUri, Timeout = TimeSpan.FromSeconds(5) });

    private static async Task<IppJobInfo> PollUntilTerminalAsync(IppClient client, int jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var job = await client.GetJobAttributesAsync(jobId);
            if (job.IsTerminal || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(50);
        }
    }
}
