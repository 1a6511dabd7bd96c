namespace MachineActors.Actors.Tests;

/// <summary>Small actors shared by several test classes.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Reports its lifecycle to a probe and fails on request.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private int _count;

    public LifecycleActor(IActorRef probe)
    {
        _probe = probe;
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("asked to fail"));
        Receive<string>(s => s == "count", _ => Sender.Tell(_count, Self));
        Receive<string>(s => s == "incr", _ => _count++);
        ReceiveAny(message => _probe.Tell(message, Self));
    }

    protected override void PreStart() => _probe.Tell("PreStart", Self);

    protected override void PostStop() => _probe.Tell("PostStop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell(new Restarting(reason.Message, message), Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell("PostRestart", Self);
        base.PostRestart(reason);
    }
}

internal sealed record Restarting(string Reason, object? Message);

/// <summary>A parent that creates children on request and supervises them with the given strategy.</summary>
internal sealed class SupervisorActor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public SupervisorActor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<Props>(props => Sender.Tell(Context.ActorOf(props), Self));
        Receive<(Props Props, string Name)>(spec => Sender.Tell(Context.ActorOf(spec.Props, spec.Name), Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
