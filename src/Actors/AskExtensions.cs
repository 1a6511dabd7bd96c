using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors;

public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns its first reply.
    /// Faults with <see cref="AskTimeoutException"/> on timeout or when the recipient is already
    /// terminated, with the cause of a <see cref="Status.Failure"/> reply, and is cancelled by
    /// <paramref name="cancellationToken"/>. A reply that comes too late goes to dead letters.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        var effectiveTimeout = timeout ?? system.Options.DefaultAskTimeout;
        if (effectiveTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "An ask timeout must be positive.");
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        if (receiver.IsKnownTerminated())
        {
            return Task.FromException<T>(new AskTimeoutException($"Recipient [{receiver}] had already been terminated."));
        }
        var promise = system.CreatePromise<T>();
        promise.Start(system.TimeProvider, effectiveTimeout, receiver, cancellationToken);
        receiver.Tell(message, promise);
        return promise.Task;
    }

    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object>(message, timeout, cancellationToken);

    private static ActorSystem SystemOf(IActorRef receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.System,
        IRemoteActorRef remote => remote.LocalSystem,
        _ => ActorSystem.ForAddress(receiver.Path.Address)
            ?? ActorCell.Current?.System
            ?? throw new InvalidOperationException($"Cannot ask [{receiver}]: no actor system is known for its address."),
    };
}
