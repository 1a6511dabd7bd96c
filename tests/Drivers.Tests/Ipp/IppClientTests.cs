using System.Net;
using System.Net.Sockets;
using System.Text;
using MachineActors.Drivers.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.Ipp;

public sealed class IppClientTests
{
    private static readonly Uri PrinterUri = new("ipp://printer.test:8631/ipp/print");

    [Fact]
    public async Task Get_printer_attributes_posts_application_ipp_to_the_mapped_http_uri()
    {
        var handler = Answering(request => Response(request, 0x0000, Printer(("printer-state", IppValue.Enum(4)), ("printer-state-reasons", IppValue.Keyword("media-low-warning")))));
        var client = Client(handler);

        var printer = await client.GetPrinterAttributesAsync(["printer-state", "printer-state-reasons"]);

        Assert.Equal(IppPrinterState.Processing, printer.State);
        Assert.Equal(["media-low-warning"], printer.StateReasons);
        var (httpRequest, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, httpRequest.Method);
        Assert.Equal(new Uri("http://printer.test:8631/ipp/print"), httpRequest.RequestUri);
        Assert.Equal("application/ipp", httpRequest.Content!.Headers.ContentType!.MediaType);
        Assert.Null(httpRequest.Headers.Authorization);

        var request = IppDecoder.Decode(body);
        Assert.Equal(IppOperation.GetPrinterAttributes, request.Operation);
        Assert.Equal(IppVersion.Ipp20, request.Version);
        var operation = request.FindGroup(IppGroupTag.Operation)!;
        Assert.Equal(
            ["attributes-charset", "attributes-natural-language", "printer-uri", "requesting-user-name", "requested-attributes"],
            operation.Attributes.Select(a => a.Name));
        Assert.Equal("ipp://printer.test:8631/ipp/print", operation.Find("printer-uri")!.AsString());
        Assert.Equal(["printer-state", "printer-state-reasons"], operation.Find("requested-attributes")!.AsStrings());
    }

    [Fact]
    public async Task Request_ids_increase_per_call()
    {
        var handler = Answering(request => Response(request, 0x0000, Printer(("printer-state", IppValue.Enum(3)))));
        var client = Client(handler);

        await client.GetPrinterAttributesAsync();
        await client.GetPrinterAttributesAsync();

        Assert.Equal([1, 2], handler.Requests.Select(r => IppDecoder.Decode(r.Body).RequestId));
        Assert.Null(IppDecoder.Decode(handler.Requests[0].Body).Find(IppGroupTag.Operation, "requested-attributes"));
    }

    [Fact]
    public async Task Basic_authentication_is_sent_when_configured()
    {
        var handler = Answering(request => Response(request, 0x0000, Printer(("printer-state", IppValue.Enum(3)))));
        var client = Client(handler, new IppClientOptions { PrinterUri = PrinterUri, UserName = "label", Password = "s3cr:t" });

        await client.GetPrinterAttributesAsync();

        var authorization = handler.Requests.Single().Request.Headers.Authorization!;
        Assert.Equal("Basic", authorization.Scheme);
        Assert.Equal("label:s3cr:t", Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter!)));
    }

    [Fact]
    public async Task Print_job_sends_the_document_after_the_attributes_and_reads_the_job()
    {
        var handler = Answering(request => Response(
            request,
            0x0000,
            new IppAttributeGroup(
                IppGroupTag.Job,
                new IppAttribute("job-id", IppValue.Integer(17)),
                new IppAttribute("job-uri", IppValue.Uri("ipp://printer.test:8631/ipp/print/17")),
                new IppAttribute("job-state", IppValue.Enum(3)),
                new IppAttribute("job-state-reasons", IppValue.Keyword("job-incoming")))));
        var client = Client(handler);
        var document = "^XA^FDhi^FS^XZ"u8.ToArray();

        var job = await client.PrintJobAsync(new IppPrintJobRequest
        {
            Document = document,
            DocumentFormat = "application/vnd.zebra-zpl",
            JobName = "shelf label",
            Copies = 3,
            Media = "oe_2x1-label_2x1in",
        });

        Assert.Equal(17, job.JobId);
        Assert.Equal("ipp://printer.test:8631/ipp/print/17", job.JobUri);
        Assert.Equal(IppJobState.Pending, job.State);
        Assert.Equal(["job-incoming"], job.StateReasons);
        Assert.Null(job.StateMessage);
        Assert.False(job.IsTerminal);
        var request = IppDecoder.Decode(handler.Requests.Single().Body);
        Assert.Equal(IppOperation.PrintJob, request.Operation);
        Assert.Equal("shelf label", request.Find(IppGroupTag.Operation, "job-name")!.AsString());
        Assert.Equal(IppValueTag.MimeMediaType, request.Find(IppGroupTag.Operation, "document-format")!.Value.Tag);
        Assert.Equal("application/vnd.zebra-zpl", request.Find(IppGroupTag.Operation, "document-format")!.AsString());
        Assert.Equal(3, request.Find(IppGroupTag.Job, "copies")!.AsInteger());
        Assert.Equal("oe_2x1-label_2x1in", request.Find(IppGroupTag.Job, "media")!.AsString());
        Assert.Equal(document, request.Data.ToArray());
    }

    [Fact]
    public async Task Print_job_with_one_copy_sends_no_job_group()
    {
        var handler = Answering(request => Response(request, 0x0000, new IppAttributeGroup(IppGroupTag.Job, new IppAttribute("job-id", IppValue.Integer(1)))));
        var client = Client(handler);

        await client.PrintJobAsync(new IppPrintJobRequest { Document = new byte[] { 1 }, DocumentFormat = "text/plain", JobName = "j" });

        Assert.Null(IppDecoder.Decode(handler.Requests.Single().Body).FindGroup(IppGroupTag.Job));
    }

    [Fact]
    public async Task An_error_status_becomes_an_IppException_naming_the_status()
    {
        var handler = Answering(request => Response(
            request,
            0x040A,
            statusMessage: "Unsupported document-format \"application/zpl\"."));
        var client = Client(handler);

        var error = await Assert.ThrowsAsync<IppException>(() => client.PrintJobAsync(
            new IppPrintJobRequest { Document = new byte[] { 1 }, DocumentFormat = "application/zpl", JobName = "j" }));

        Assert.Equal(0x040A, error.StatusCode);
        Assert.Equal("client-error-document-format-not-supported", error.StatusName);
        Assert.Equal("Unsupported document-format \"application/zpl\".", error.StatusMessage);
        Assert.Equal(IppOperation.PrintJob, error.Operation);
        Assert.Contains("client-error-document-format-not-supported", error.Message);
    }

    [Fact]
    public async Task A_successful_status_with_ignored_attributes_is_not_an_error()
    {
        var handler = Answering(request => Response(request, 0x0001, Printer(("printer-state", IppValue.Enum(3)))));

        var printer = await Client(handler).GetPrinterAttributesAsync();

        Assert.Equal(IppPrinterState.Idle, printer.State);
    }

    [Fact]
    public async Task A_non_success_http_status_becomes_an_IppConnectionException()
    {
        var handler = Answering(_ => StubHttpMessageHandler.Ipp([], status: HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<IppConnectionException>(() => Client(handler).GetPrinterAttributesAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatus);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("wants credentials", error.Message);
    }

    [Fact]
    public async Task A_response_that_is_not_application_ipp_is_a_format_error()
    {
        var handler = Answering(_ => StubHttpMessageHandler.Ipp("<html/>"u8.ToArray(), "text/html"));

        var error = await Assert.ThrowsAsync<IppFormatException>(() => Client(handler).GetPrinterAttributesAsync());

        Assert.Contains("text/html", error.Message);
    }

    [Fact]
    public async Task A_garbled_response_is_a_format_error()
    {
        var handler = Answering(_ => StubHttpMessageHandler.Ipp([2, 0, 0]));

        await Assert.ThrowsAsync<IppFormatException>(() => Client(handler).GetPrinterAttributesAsync());
    }

    [Fact]
    public async Task A_response_with_another_request_id_is_a_format_error()
    {
        var handler = Answering(_ => StubHttpMessageHandler.Ipp(IppEncoder.Encode(new IppMessage(IppVersion.Ipp20, 0, 999, []))));

        var error = await Assert.ThrowsAsync<IppFormatException>(() => Client(handler).GetPrinterAttributesAsync());

        Assert.Contains("request-id 999", error.Message);
    }

    [Fact]
    public async Task A_response_larger_than_the_limit_is_refused()
    {
        var handler = Answering(request => Response(request, 0x0000, Printer(("printer-info", IppValue.Text(new string('x', 2000))))));
        var client = Client(handler, new IppClientOptions { PrinterUri = PrinterUri, MaxResponseBytes = 1000 });

        var error = await Assert.ThrowsAsync<IppFormatException>(() => client.GetPrinterAttributesAsync());

        Assert.Contains("exceeds the limit of 1000 bytes", error.Message);
    }

    [Fact]
    public async Task A_printer_that_accepts_but_never_answers_times_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        using var http = new HttpClient();
        var client = new IppClient(http, new IppClientOptions { PrinterUri = new Uri($"ipp://127.0.0.1:{port}/ipp/print"), Timeout = TimeSpan.FromMilliseconds(300) });

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<IppTimeoutException>(() => client.GetPrinterAttributesAsync());

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Contains("within 0.3 s", error.Message);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient();
        var client = new IppClient(http, new IppClientOptions { PrinterUri = new Uri($"ipp://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetPrinterAttributesAsync(cancellationToken: cancellation.Token));

        Assert.IsNotType<IppTimeoutException>(error);
    }

    [Fact]
    public async Task A_refused_connection_becomes_an_IppConnectionException()
    {
        var port = FreePort();
        using var http = new HttpClient();
        var client = new IppClient(http, new IppClientOptions { PrinterUri = new Uri($"ipp://127.0.0.1:{port}/ipp/print"), Timeout = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<IppConnectionException>(() => client.GetPrinterAttributesAsync());

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Null(error.HttpStatus);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static StubHttpMessageHandler Answering(Func<IppMessage, HttpResponseMessage> respond) =>
        new((_, body) => respond(IppDecoder.Decode(body)));

    private static IppClient Client(StubHttpMessageHandler handler, IppClientOptions? options = null) =>
        new(new HttpClient(handler), options ?? new IppClientOptions { PrinterUri = PrinterUri });

    private static IppAttributeGroup Printer(params (string Name, IppValue Value)[] attributes) =>
        new(IppGroupTag.Printer, attributes.Select(a => new IppAttribute(a.Name, a.Value)).ToArray());

    private static HttpResponseMessage Response(IppMessage request, ushort status, IppAttributeGroup? group = null, string? statusMessage = null)
    {
        var operation = new List<IppAttribute>
        {
            new("attributes-charset", IppValue.Charset("utf-8")),
            new("attributes-natural-language", IppValue.NaturalLanguage("en")),
        };
        if (statusMessage is not null)
        {
            operation.Add(new IppAttribute("status-message", IppValue.Text(statusMessage)));
        }

        IppAttributeGroup[] groups = group is null
            ? [new IppAttributeGroup(IppGroupTag.Operation, operation.ToArray())]
            : [new IppAttributeGroup(IppGroupTag.Operation, operation.ToArray()), group];
        return StubHttpMessageHandler.Ipp(IppEncoder.Encode(new IppMessage(IppVersion.Ipp20, status, request.RequestId, groups)));
    }
}
