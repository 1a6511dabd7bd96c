namespace MachineActors.Host.Security;

public sealed record TokenCreated(Guid Id, string Name, ApiRole Role, string SecretHash, DateTimeOffset CreatedAt);

public sealed record TokenRevoked(Guid Id);
