namespace MachineActors.Host.Tests.Security;

/// <summary>One generated request that the node must refuse with a 4xx: what was broken, and the request itself.</summary>
/// <param name="Target">The endpoint, as "METHOD pattern".</param>
/// <param name="Mutation">What makes it malformed, e.g. "name: a JSON array".</param>
/// <param name="Body">The body's bytes; null for none.</param>
/// <param name="ContentType">The body's content type; null for none.</param>
public sealed record MalformedRequest(string Target, string Mutation, HttpMethod Method, string Path, byte[]? Body, string? ContentType)
{
    /// <summary>Extra request headers (e.g. an oversized Idempotency-Key).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public HttpRequestMessage ToHttpRequest(string token)
    {
        var request = new HttpRequestMessage(Method, Path);
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + token);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "no body" : $"{Body.Length:N0} bytes{(Body.Length <= 300 ? ": " + System.Text.Encoding.UTF8.GetString(Body) : "")}";
        return $"{Target} [{Mutation}] {Method} {(Path.Length > 200 ? Path[..200] + "..." : Path)} ({ContentType ?? "no content type"}; {body})";
    }
}
