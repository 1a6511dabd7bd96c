namespace MachineActors.Actors;

/// <summary>Conventional replies: <see cref="Failure"/> faults the task of an Ask.</summary>
public abstract record Status
{
    private Status()
    {
    }

    public sealed record Success(object? Result) : Status;

    public sealed record Failure(Exception Cause) : Status;
}
