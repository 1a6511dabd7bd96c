namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>The actor under test in the reference scenarios: it answers, forwards, fails and stops on request.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ping>(ping => Sender.Tell(new Pong(ping.Number), Self));
        Receive<PongTo>(request => request.Target.Tell(new Pong(request.Number), Self));
        Receive<ForwardTo>(request => request.Target.Tell(new Pong(request.Number), Sender));
        Receive<FailPlease>(request => Sender.Tell(new Status.Failure(new InvalidOperationException(request.Reason)), Self));
        Receive<IgnoreMe>(_ => { });
        Receive<Blob>(blob => Sender.Tell(new Pong(blob.Text.Length), Self));
        Receive<StopPlease>(_ => Context.Stop(Self));
    }
}
