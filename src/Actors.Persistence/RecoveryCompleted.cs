namespace MachineActors.Actors.Persistence;

/// <summary>The last message the recovery handler gets: the snapshot and every event have been applied.</summary>
public sealed class RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted()
    {
    }
}
