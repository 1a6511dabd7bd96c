namespace MachineActors.Host.Security;

/// <summary>/api/tokens/: admins create (the secret is shown once), list and revoke tokens.</summary>
public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(ApiPolicies.Admin);
        tokens.MapGet("/", async (TokenService service, CancellationToken ct) =>
            Results.Ok((await service.List(ct)).Select(TokenView.From)));
        tokens.MapPost("/", async (CreateTokenBody body, TokenService service, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
            {
                errors["name"] = ["A name of 1 to 100 characters is required."];
            }
            if (!Enum.TryParse<ApiRole>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                errors["role"] = [$"'{body.Role}' is not one of: viewer, operator, admin."];
            }
            if (errors.Count > 0)
            {
                return Results.BadRequest(errors);
            }
            var (token, secret) = await service.Create(body.Name!.Trim(), role, cancellationToken: ct);
            return Results.Created($"/api/tokens/{token.Id}/", TokenView.From(token) with { Token = secret });
        });
        tokens.MapDelete("/{id:guid}/", async (Guid id, TokenService service, CancellationToken ct) =>
            await service.Revoke(id, ct) ? Results.NoContent() : Results.NotFound(new { detail = $"Token '{id}' not found" }));
    }

    public sealed record CreateTokenBody(string? Name, string? Role);

    public sealed record TokenView(Guid Id, string Name, string Role, DateTimeOffset Created)
    {
        /// <summary>Only in the answer to the request that created the token.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Token { get; init; }

        public static TokenView From(ApiToken token) => new(token.Id, token.Name, token.Role.ToString().ToLowerInvariant(), token.CreatedAt);
    }
}
