namespace MachineActors.Actors.Internal;

/// <summary>The /user and /system guardians: they only supervise.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected internal override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}

/// <summary>
/// The root guardian stops the guardians in order: when /user has stopped (by Terminate, or because
/// a failure escalated out of it), /system is stopped, then the root itself.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    protected override void PreStart()
    {
        Context.Watch(Context.Child("user")!);
        Context.Watch(Context.Child("system")!);
    }

    protected internal override bool Receive(object message)
    {
        if (message is not Terminated terminated)
        {
            return false;
        }
        if (terminated.ActorRef.Path.Name == "user" && Context.Child("system") is { } systemGuardian)
        {
            Context.Stop(systemGuardian);
        }
        else
        {
            Context.Stop(Self);
        }
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;
}
