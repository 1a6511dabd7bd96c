using MachineActors.Actors;

namespace MachineActors.Bench.Remote;

/// <summary>Answers every ping with a pong: the far end of the remote benchmark.</summary>
internal sealed class BenchEchoActor : ReceiveActor
{
    public BenchEchoActor() => Receive<BenchPing>(ping => Sender.Tell(new BenchPong(ping.Number), Self));
}
