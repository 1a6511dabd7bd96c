namespace MachineActors.Host.Security;

/// <summary>A token as the node keeps it: only the SHA-256 of its secret, never the secret itself.</summary>
public sealed record ApiToken(Guid Id, string Name, ApiRole Role, string SecretHash, DateTimeOffset CreatedAt);
