namespace MachineActors.Actors.Persistence;

/// <summary>A persistent actor asks for a permit before it starts recovering.</summary>
internal sealed record RequestRecoveryPermit
{
    public static readonly RequestRecoveryPermit Instance = new();
}

/// <summary>The actor may recover now; it returns the permit when its recovery has ended.</summary>
internal sealed record RecoveryPermitGranted
{
    public static readonly RecoveryPermitGranted Instance = new();
}

/// <summary>Recovery ended (completed or failed): the permit goes to the next actor waiting.</summary>
internal sealed record ReturnRecoveryPermit
{
    public static readonly ReturnRecoveryPermit Instance = new();
}
