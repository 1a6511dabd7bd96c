using MachineActors.Host.Api;

namespace MachineActors.Host.Security;

/// <summary>/api/tokens/: admins create (the secret is shown once), list and revoke tokens.</summary>
public static class TokenEndpoints
{
    private const int MaxNameLength = 100;

    public static void MapTokenEndpoints(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(ApiPolicies.Admin);
        tokens.MapGet("/", async (TokenService service, CancellationToken ct) =>
            Results.Ok((await service.List(ct)).Select(TokenView.From)));
        tokens.MapPost("/", Create);
        tokens.MapDelete("/{id}/", async (string id, TokenService service, CancellationToken ct) =>
            Guid.TryParse(id, out var guid) && await service.Revoke(guid, ct) ? Results.NoContent() : ApiResults.NotFound($"Token '{id}' not found"));
    }

    /// <summary>The body is read as the machine endpoints read theirs, so every kind of bad input is a 400 or 413 that says why.</summary>
    private static async Task<IResult> Create(HttpRequest request, TokenService service, CancellationToken ct)
    {
        var (body, bodyError) = await JsonBody.ReadObject(request);
        if (bodyError is not null)
        {
            return bodyError;
        }
        var fields = new JsonFields(body);
        var name = fields.String("name", required: true, maxLength: MaxNameLength);
        var roleName = fields.String("role", required: true);
        var role = default(ApiRole);
        if (roleName is not null && !TryParseRole(roleName, out role))
        {
            fields.Errors["role"] = [$"'{roleName}' is not one of: viewer, operator, admin."];
        }
        if (fields.Errors.Count > 0)
        {
            return ApiResults.FieldErrors(fields.Errors);
        }
        var (token, secret) = await service.Create(name!.Trim(), role, cancellationToken: ct);
        return Results.Created($"/api/tokens/{token.Id}/", TokenView.From(token) with { Token = secret });
    }

    /// <summary>A role by its name only (any case): Enum.TryParse would also take "3", " admin" or "viewer,admin".</summary>
    private static bool TryParseRole(string text, out ApiRole role)
    {
        foreach (var candidate in Enum.GetValues<ApiRole>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public sealed record TokenView(Guid Id, string Name, string Role, DateTimeOffset Created)
    {
        /// <summary>Only in the answer to the request that created the token.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Token { get; init; }

        public static TokenView From(ApiToken token) => new(token.Id, token.Name, token.Role.ToString().ToLowerInvariant(), token.CreatedAt);
    }
}
