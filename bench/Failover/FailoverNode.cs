using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Bench.Failover;

/// <summary>A station node of the failover benchmark on the default cluster timings, competing for machine leases.</summary>
internal static class FailoverNode
{
    public const string Secret = "failover-bench-secret-0123456789";

    public static Task<ClusterNode> StartAsync(string name, string connectionString, string schema) =>
        ClusterNode.StartAsync("bench", new ClusterOptions
        {
            NodeName = name,
            Roles = ["station"],
            PostgresConnectionString = connectionString,
            Transport = new TransportOptions { Secret = Secret },
            Membership = new MembershipOptions { Schema = schema },
            Leases = new LeaseOptions { Schema = schema },
        }, new RemoteMessageTypes(), new ActorSystemOptions { StandardErrorLogLevel = Actors.Event.LogLevel.Off });

    /// <summary>Asks for the leases of machines <paramref name="first"/>.. and completes when all are held.</summary>
    public static Task WantAsync(ClusterNode node, int first, int count)
    {
        var allGranted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = node.System.ActorOf(Props.Create(() => new LeaseCollector(count, allGranted)));
        for (var i = first; i < first + count; i++)
        {
            node.Leases.Tell(new AcquireLease($"machine-{i}", collector), collector);
        }
        return allGranted.Task;
    }
}
