using MachineActors.Actors.Dispatch;

namespace MachineActors.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers declared in its constructor (or in
/// <see cref="Become"/>). The first handler whose type and predicate match a message handles it.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private MessageHandler? _behavior;

    // The behaviour being declared: the initial one during construction, a new one inside Become.
    private MessageHandlerChain? _declaring = new();

    private Stack<MessageHandler?>? _behaviorStack;

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Declaring.Add(new SyncMessageHandler<T>(handler, shouldHandle));
    }

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>The handler returns whether it handled the message; if not, later handlers are tried.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Declaring.Add(new ConditionalMessageHandler<T>(handler));
    }

    /// <summary>Handles with an async function; no other message is processed until its task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Declaring.Add(new AsyncMessageHandler<T>(RunTask, handler, shouldHandle));
    }

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ReceiveAsync(handler, shouldHandle);
    }

    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    protected void ReceiveAnyAsync(Func<object, Task> handler) => ReceiveAsync(handler);

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure)
    {
        _behavior = Declare(configure);
        _behaviorStack?.Clear();
    }

    /// <summary>Pushes a new behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    protected void BecomeStacked(Action configure)
    {
        var next = Declare(configure);
        (_behaviorStack ??= new Stack<MessageHandler?>()).Push(_behavior);
        _behavior = next;
    }

    protected void UnbecomeStacked()
    {
        if (_behaviorStack is { Count: > 0 } stack)
        {
            _behavior = stack.Pop();
        }
    }

    /// <summary>Alias of <see cref="UnbecomeStacked"/>.</summary>
    protected void Unbecome() => UnbecomeStacked();

    protected internal sealed override bool Receive(object message) => MessageHandlerChain.TryHandle(_behavior, message);

    private protected sealed override void OnConstructionCompleted()
    {
        _behavior = _declaring?.Head;
        _declaring = null;
    }

    private MessageHandlerChain Declaring => _declaring
        ?? throw new InvalidOperationException("Receive handlers can only be declared in the constructor or inside Become.");

    private MessageHandler? Declare(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _declaring;
        _declaring = new MessageHandlerChain();
        try
        {
            configure();
            return _declaring.Head;
        }
        finally
        {
            _declaring = outer;
        }
    }
}
