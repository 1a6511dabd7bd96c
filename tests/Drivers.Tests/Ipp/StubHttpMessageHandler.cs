using System.Net;
using System.Net.Http.Headers;

namespace MachineActors.Drivers.Tests.Ipp;

/// <summary>Records each request (with its body) and answers with whatever the test decides.</summary>
public sealed class StubHttpMessageHandler(Func<HttpRequestMessage, byte[], HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public static HttpResponseMessage Ipp(byte[] body, string mediaType = "application/ipp", HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        return respond(request, body);
    }
}
