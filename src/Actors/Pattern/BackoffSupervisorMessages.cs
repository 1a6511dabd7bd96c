namespace MachineActors.Actors.Pattern;

/// <summary>Asks a backoff supervisor for its current child; it replies <see cref="CurrentChild"/>.</summary>
public sealed record GetCurrentChild
{
    public static readonly GetCurrentChild Instance = new();
}

public sealed record CurrentChild(IActorRef? Ref);

/// <summary>Asks a backoff supervisor how many restarts it counts now; it replies <see cref="RestartCount"/>.</summary>
public sealed record GetRestartCount
{
    public static readonly GetRestartCount Instance = new();
}

public sealed record RestartCount(int Count);

/// <summary>Resets the restart count (and so the backoff) to zero.</summary>
public sealed record ResetBackoff
{
    public static readonly ResetBackoff Instance = new();
}
