using System.Globalization;

namespace MachineActors.Host.Machines;

/// <summary>DRF's limit/offset pagination: a plain list without <c>limit</c>, otherwise <c>{count, next, previous, results}</c>.</summary>
public static class Pagination
{
    public static IResult Page<T>(HttpRequest request, IReadOnlyList<T> items)
    {
        if (!request.Query.ContainsKey("limit"))
        {
            return Results.Ok(items);
        }
        if (!int.TryParse(request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1
            || !int.TryParse(request.Query["offset"].ToString() is { Length: > 0 } o ? o : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return Api.ApiResults.BadRequest("limit must be a positive integer and offset a non-negative integer.");
        }
        var path = $"{request.Scheme}://{request.Host}{request.Path}";
        string Link(int at) => $"{path}?limit={limit}&offset={at}";
        return Results.Ok(new
        {
            count = items.Count,
            // In long: a huge limit and offset must not wrap around into a link that does not exist.
            next = (long)offset + limit < items.Count ? Link(offset + limit) : null,
            previous = offset > 0 ? Link(Math.Max(0, offset - limit)) : null,
            results = items.Skip(offset).Take(limit),
        });
    }
}
