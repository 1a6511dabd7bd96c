using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Bench.Remote;

internal sealed record BenchPing(int Number);

internal sealed record BenchPong(int Number);

internal static class RemoteBenchMessages
{
    public const string Secret = "bench-cluster-secret-0123456789";

    public static RemoteMessageTypes Types() => new RemoteMessageTypes()
        .Register<BenchPing>("bench.ping")
        .Register<BenchPong>("bench.pong");
}
