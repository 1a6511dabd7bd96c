using Microsoft.AspNetCore.WebUtilities;

namespace MachineActors.Host.Api;

/// <summary>
/// Gives every error answer under /api/ that nothing else wrote a body for (no route matched, a wrong method, a
/// route constraint that did not hold) the API's JSON error shape, so a client always gets a reason to show.
/// </summary>
public static class ApiErrorBodies
{
    public static WebApplication UseApiErrorBodies(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            var status = http.Response.StatusCode;
            var detail = status switch
            {
                StatusCodes.Status404NotFound => "Not found.",
                StatusCodes.Status405MethodNotAllowed => $"Method \"{http.Request.Method}\" not allowed.",
                _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"HTTP {status}.",
            };
            await http.Response.WriteAsJsonAsync(new { detail }, http.RequestAborted);
        });
        return app;
    }
}
