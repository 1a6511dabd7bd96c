using MachineActors.Host.Security;

namespace MachineActors.Host.Events;

public static class EventEndpoints
{
    /// <summary>GET /api/events/: server-sent events (registry stages, machine failures and changes, job progress).</summary>
    public static void MapEventEndpoints(this WebApplication app) =>
        app.MapGet("/api/events/", (EventFeed feed, CancellationToken ct) => TypedResults.ServerSentEvents(feed.Subscribe(ct)))
            .RequireAuthorization(ApiPolicies.Viewer);
}
