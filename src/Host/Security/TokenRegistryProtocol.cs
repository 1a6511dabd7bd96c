namespace MachineActors.Host.Security;

/// <summary>Creates a token with a given secret hash; answered with the stored <see cref="ApiToken"/> once it is persisted.</summary>
public sealed record CreateToken(string Name, ApiRole Role, string SecretHash);

/// <summary>Answered with true when the token existed and is now revoked (persisted), false when unknown.</summary>
public sealed record RevokeToken(Guid Id);

/// <summary>Answered with every live token.</summary>
public sealed record ListTokens
{
    public static readonly ListTokens Instance = new();
}
