using MachineActors.Actors;
using MachineActors.Actors.Cluster.Placement;

namespace MachineActors.Bench.Failover;

/// <summary>Counts the leases granted to its node and completes <c>allGranted</c> once it holds <c>expected</c> of them.</summary>
internal sealed class LeaseCollector : ReceiveActor
{
    public LeaseCollector(int expected, TaskCompletionSource allGranted)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        Receive<LeaseGranted>(lease =>
        {
            if (granted.Add(lease.MachineId) && granted.Count == expected)
            {
                allGranted.TrySetResult();
            }
        });
        Receive<LeaseLost>(lease => granted.Remove(lease.MachineId));
    }
}
