using MachineActors.Actors;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>Collects the <see cref="MachineFailed"/> events of one node.</summary>
internal sealed class FailureListener
{
    private readonly Lock _lock = new();
    private readonly List<MachineFailed> _failures = [];

    public IReadOnlyList<MachineFailed> Of(Guid machineId)
    {
        lock (_lock)
        {
            return [.. _failures.Where(f => f.MachineId == machineId)];
        }
    }

    public sealed class Actor : ReceiveActor
    {
        public Actor(FailureListener listener) => Receive<MachineFailed>(failed =>
        {
            lock (listener._lock)
            {
                listener._failures.Add(failed);
            }
        });
    }
}
