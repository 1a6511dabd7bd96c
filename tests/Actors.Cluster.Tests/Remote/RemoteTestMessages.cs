using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Actors.Cluster.Tests.Remote;

public sealed record Ping(int Number);

public sealed record Pong(int Number);

/// <summary>Asks the echo actor to send a Pong to <see cref="Target"/> (a reference carried inside a message).</summary>
public sealed record PongTo(IActorRef Target, int Number);

/// <summary>Asks the echo actor to pass a Pong on to <see cref="Target"/>, keeping the original sender.</summary>
public sealed record ForwardTo(IActorRef Target, int Number);

public sealed record FailPlease(string Reason);

public sealed record IgnoreMe(string Text);

public sealed record StopPlease;

public sealed record Blob(string Text);

/// <summary>A message whose constructor refuses some values, as a record that validates its input does.</summary>
public sealed record Positive
{
    public Positive(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    public int Number { get; }
}

/// <summary>A type that is deliberately not registered for remoting.</summary>
public sealed record NotRegistered(int Number);

internal static class RemoteTestMessages
{
    public static RemoteMessageTypes Types() => new RemoteMessageTypes()
        .Register<Ping>("test.ping")
        .Register<Pong>("test.pong")
        .Register<PongTo>("test.pong-to")
        .Register<ForwardTo>("test.forward-to")
        .Register<FailPlease>("test.fail")
        .Register<IgnoreMe>("test.ignore")
        .Register<StopPlease>("test.stop")
        .Register<Blob>("test.blob")
        .Register<Positive>("test.positive");
}
