namespace MachineActors.Actors.Dispatch;

/// <summary>One typed handler of a receive behaviour; handlers form a singly linked list in declaration order.</summary>
internal abstract class MessageHandler
{
    public MessageHandler? Next;

    public abstract bool TryHandle(object message);
}

/// <summary>Builds a behaviour: handlers are tried in the order they were added.</summary>
internal sealed class MessageHandlerChain
{
    private MessageHandler? _tail;

    public MessageHandler? Head { get; private set; }

    public void Add(MessageHandler handler)
    {
        if (_tail is null)
        {
            Head = handler;
        }
        else
        {
            _tail.Next = handler;
        }
        _tail = handler;
    }

    public static bool TryHandle(MessageHandler? head, object message)
    {
        for (var handler = head; handler is not null; handler = handler.Next)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }
        return false;
    }
}

internal sealed class SyncMessageHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
        {
            handler(typed);
            return true;
        }
        return false;
    }
}

internal sealed class ConditionalMessageHandler<T>(Func<T, bool> handler) : MessageHandler
{
    public override bool TryHandle(object message) => message is T typed && handler(typed);
}

internal sealed class AsyncMessageHandler<T>(Action<Func<Task>> runTask, Func<T, Task> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
        {
            Run(typed);
            return true;
        }
        return false;
    }

    // Apart from TryHandle, so that the closure is allocated for a matching message only, not for every message tried.
    private void Run(T message) => runTask(() => handler(message));
}
