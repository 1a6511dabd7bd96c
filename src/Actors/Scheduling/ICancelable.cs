namespace MachineActors.Actors;

public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}
