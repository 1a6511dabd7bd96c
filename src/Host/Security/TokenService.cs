using MachineActors.Actors;

namespace MachineActors.Host.Security;

/// <summary>Creates, lists and revokes tokens through the token registry actor.</summary>
public sealed class TokenService(NodeRuntime runtime)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates a token; the secret is returned here and never again.</summary>
    public async Task<(ApiToken Token, string Secret)> Create(string name, ApiRole role, string? secret = null, CancellationToken cancellationToken = default)
    {
        secret ??= TokenSecrets.Generate();
        TokenSecrets.ValidateSupplied(secret);
        var token = await runtime.Tokens.Ask<ApiToken>(new CreateToken(name, role, TokenSecrets.Hash(secret)), s_timeout, cancellationToken);
        return (token, secret);
    }

    public Task<List<ApiToken>> List(CancellationToken cancellationToken = default) =>
        runtime.Tokens.Ask<List<ApiToken>>(ListTokens.Instance, s_timeout, cancellationToken);

    public Task<bool> Revoke(Guid id, CancellationToken cancellationToken = default) =>
        runtime.Tokens.Ask<bool>(new RevokeToken(id), s_timeout, cancellationToken);
}
