using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Ipp;

/// <summary>
/// Talks IPP/2.0 to one printer over HTTP POST (RFC 8010 section 4). Every call is bounded by
/// <see cref="IppClientOptions.Timeout"/> and the caller's token. Failures surface as
/// <see cref="IppException"/> (error status), <see cref="IppConnectionException"/> (unreachable,
/// HTTP error), <see cref="IppTimeoutException"/> (no answer in time) or
/// <see cref="IppFormatException"/> (the answer is not IPP); cancellation by the caller's
/// token surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class IppClient
{
    /// <summary>The media type of IPP requests and responses.</summary>
    public const string MediaType = "application/ipp";

    private readonly HttpClient _httpClient;
    private readonly IppClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _httpUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private int _lastRequestId;

    /// <summary>Creates a client. The <paramref name="httpClient"/> stays owned by the caller.</summary>
    public IppClient(HttpClient httpClient, IppClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The timeout must be positive.");
        }

        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _httpUri = IppUri.ToHttpUri(options.PrinterUri);
        if (options.UserName is not null)
        {
            var credentials = Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}");
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        }
    }

    /// <summary>The HTTP URI requests are posted to.</summary>
    public Uri HttpUri => _httpUri;

    /// <summary>Get-Printer-Attributes; asks for the given attributes, or for all when none are given.</summary>
    public async Task<IppPrinterAttributes> GetPrinterAttributesAsync(
        IReadOnlyCollection<string>? requestedAttributes = null,
        CancellationToken cancellationToken = default)
    {
        var operation = new List<IppAttribute>(OperationTarget());
        if (requestedAttributes is { Count: > 0 })
        {
            operation.Add(new IppAttribute("requested-attributes", requestedAttributes.Select(IppValue.Keyword).ToArray()));
        }

        var response = await SendAsync(
            IppMessage.CreateRequest(IppOperation.GetPrinterAttributes, NextRequestId(), operation),
            cancellationToken).ConfigureAwait(false);
        var printer = response.FindGroup(IppGroupTag.Printer)
            ?? throw new IppFormatException("The Get-Printer-Attributes response has no printer attribute group.");
        return new IppPrinterAttributes(printer);
    }

    /// <summary>Print-Job; returns the job the printer created.</summary>
    public async Task<IppJobInfo> PrintJobAsync(IppPrintJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.DocumentFormat);
        ArgumentException.ThrowIfNullOrEmpty(request.JobName);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Copies, 1);

        var operation = new List<IppAttribute>(OperationTarget())
        {
            new("job-name", IppValue.Name(request.JobName)),
            new("document-format", IppValue.MimeMediaType(request.DocumentFormat)),
        };
        var job = new List<IppAttribute>();
        if (request.Copies != 1)
        {
            job.Add(new IppAttribute("copies", IppValue.Integer(request.Copies)));
        }

        if (request.Media is not null)
        {
            job.Add(new IppAttribute("media", IppValue.Keyword(request.Media)));
        }

        job.AddRange(request.ExtraJobAttributes);
        IppAttributeGroup[] otherGroups = job.Count > 0 ? [new IppAttributeGroup(IppGroupTag.Job, job.ToArray())] : [];

        var response = await SendAsync(
            IppMessage.CreateRequest(IppOperation.PrintJob, NextRequestId(), operation, otherGroups, request.Document),
            cancellationToken).ConfigureAwait(false);
        return ReadJob(response, IppOperation.PrintJob);
    }

    /// <summary>Get-Job-Attributes for a job of this printer.</summary>
    public async Task<IppJobInfo> GetJobAttributesAsync(int jobId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobId, 1);
        var operation = new List<IppAttribute>(OperationTarget())
        {
            new("job-id", IppValue.Integer(jobId)),
        };
        var response = await SendAsync(
            IppMessage.CreateRequest(IppOperation.GetJobAttributes, NextRequestId(), operation),
            cancellationToken).ConfigureAwait(false);
        return ReadJob(response, IppOperation.GetJobAttributes);
    }

    /// <summary>
    /// Sends any request (charset and natural language are added by the encoder) and returns the
    /// response; an error status becomes an <see cref="IppException"/>.
    /// </summary>
    public async Task<IppMessage> SendAsync(IppMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = IppEncoder.EncodeRequest(request);
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[] responseBytes;
        try
        {
            responseBytes = await PostAsync(body, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IppTimeoutException(
                $"IPP {request.Operation} to {_httpUri} got no complete answer within {Seconds(_options.Timeout)} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new IppConnectionException($"IPP {request.Operation} to {_httpUri} failed: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new IppConnectionException($"IPP {request.Operation} to {_httpUri} broke off: {ex.Message}", ex);
        }

        var response = IppDecoder.Decode(responseBytes);
        if (response.RequestId != request.RequestId)
        {
            throw new IppFormatException(
                $"IPP {request.Operation} response carries request-id {response.RequestId}; expected {request.RequestId}.");
        }

        if (!IppStatusCodes.IsSuccess(response.Code))
        {
            var message = response.Find(IppGroupTag.Operation, "status-message")?.AsString();
            var unsupported = response.FindGroup(IppGroupTag.Unsupported)?.Attributes;
            throw new IppException(request.Operation, response.Code, message, unsupported);
        }

        return response;
    }

    private async Task<byte[]> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        using var httpRequest = new HttpRequestMessage(HttpMethod.Post, _httpUri) { Content = content };
        httpRequest.Headers.Authorization = _authorization;
        using var httpResponse = await _httpClient
            .SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!httpResponse.IsSuccessStatusCode)
        {
            var hint = httpResponse.StatusCode == System.Net.HttpStatusCode.Unauthorized
                ? _authorization is null ? " (the printer wants credentials)" : " (the credentials were rejected)"
                : string.Empty;
            throw new IppConnectionException(
                $"Printer at {_httpUri} answered HTTP {(int)httpResponse.StatusCode} {httpResponse.ReasonPhrase}{hint}.",
                httpStatus: httpResponse.StatusCode);
        }

        var mediaType = httpResponse.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new IppFormatException($"Printer at {_httpUri} answered with Content-Type '{mediaType}'; expected {MediaType}.");
        }

        return await ReadLimitedAsync(httpResponse.Content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new IppFormatException(
                $"Response of {content.Headers.ContentLength} bytes exceeds the limit of {_options.MaxResponseBytes} bytes.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw new IppFormatException($"Response exceeds the limit of {_options.MaxResponseBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static IppJobInfo ReadJob(IppMessage response, IppOperation operation)
    {
        var job = response.FindGroup(IppGroupTag.Job)
            ?? throw new IppFormatException($"The {operation} response has no job attribute group.");
        return IppJobInfo.FromGroup(job);
    }

    private IEnumerable<IppAttribute> OperationTarget()
    {
        yield return new IppAttribute("printer-uri", IppValue.Uri(_options.PrinterUri.OriginalString));
        yield return new IppAttribute("requesting-user-name", IppValue.Name(_options.RequestingUserName));
    }

    private int NextRequestId()
    {
        var id = Interlocked.Increment(ref _lastRequestId) & int.MaxValue;
        return id == 0 ? NextRequestId() : id;
    }

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
