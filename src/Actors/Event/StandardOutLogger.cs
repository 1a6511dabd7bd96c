using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Event;

/// <summary>Writes log events at or above a level to standard error until a host installs its own logging.</summary>
internal sealed class StandardOutLogger(ActorPath path, LogLevel minimumLevel) : MinimalActorRef(path)
{
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is LogEvent logEvent && logEvent.Level >= minimumLevel)
        {
            var cause = logEvent is Error { Cause: { } error } ? Environment.NewLine + error : "";
            Console.Error.WriteLine($"[{logEvent.Level.ToString().ToUpperInvariant()}][{logEvent.Timestamp:O}][{logEvent.LogSource}] {logEvent.Message}{cause}");
        }
    }
}
