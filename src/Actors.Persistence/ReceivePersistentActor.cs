using MachineActors.Actors.Dispatch;

namespace MachineActors.Actors.Persistence;

/// <summary>
/// A persistent actor whose recovery and command handlers are declared in the constructor with
/// <see cref="Recover{T}(Action{T})"/> and <see cref="Command{T}(Action{T})"/>, first match wins.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly MessageHandlerChain _commands = new();
    private readonly MessageHandlerChain _recovery = new();

    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        _commands.Add(new SyncMessageHandler<T>(handler ?? throw new ArgumentNullException(nameof(handler)), shouldHandle));

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => Command(handler, shouldHandle);

    /// <summary>An async command: no other message is processed until its task completes.</summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        _commands.Add(new AsyncMessageHandler<T>(RunTask, handler ?? throw new ArgumentNullException(nameof(handler)), shouldHandle));

    protected void CommandAny(Action<object> handler) => Command(handler);

    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        _recovery.Add(new SyncMessageHandler<T>(handler ?? throw new ArgumentNullException(nameof(handler)), shouldHandle));

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) => Recover(handler, shouldHandle);

    protected void RecoverAny(Action<object> handler) => Recover(handler);

    /// <summary>
    /// Deletes the events each saved snapshot covers, once it is saved. A failed save or delete only leaves more
    /// events to replay, so those outcomes are handled by ignoring them.
    /// </summary>
    protected void DeleteEventsCoveredBySnapshots()
    {
        Command<SaveSnapshotSuccess>(saved => DeleteMessagesTo(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    protected sealed override bool ReceiveCommand(object message) => MessageHandlerChain.TryHandle(_commands.Head, message);

    protected sealed override bool ReceiveRecover(object message) => MessageHandlerChain.TryHandle(_recovery.Head, message);
}
