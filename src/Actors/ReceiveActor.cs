namespace MachineActors.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers declared in its constructor (or in
/// <see cref="Become"/>). The first handler whose type and predicate match a message handles it.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private Handler? _behavior;

    // The behaviour being declared: the initial one during construction, a new one inside Become.
    private HandlerChain? _declaring = new();

    private Stack<Handler?>? _behaviorStack;

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Declaring.Add(new SyncHandler<T>(handler, shouldHandle));
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
        Declaring.Add(new ConditionalHandler<T>(handler));
    }

    /// <summary>Handles with an async function; no other message is processed until its task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Declaring.Add(new AsyncHandler<T>(this, handler, shouldHandle));
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
        (_behaviorStack ??= new Stack<Handler?>()).Push(_behavior);
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

    protected internal sealed override bool Receive(object message)
    {
        for (var handler = _behavior; handler is not null; handler = handler.Next)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }
        return false;
    }

    private protected sealed override void OnConstructionCompleted()
    {
        _behavior = _declaring?.Head;
        _declaring = null;
    }

    private HandlerChain Declaring => _declaring
        ?? throw new InvalidOperationException("Receive handlers can only be declared in the constructor or inside Become.");

    private Handler? Declare(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _declaring;
        _declaring = new HandlerChain();
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

    private sealed class HandlerChain
    {
        private Handler? _tail;

        public Handler? Head { get; private set; }

        public void Add(Handler handler)
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
    }

    private abstract class Handler
    {
        public Handler? Next;

        public abstract bool TryHandle(object message);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
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

    private sealed class ConditionalHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(ReceiveActor actor, Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                actor.RunTask(() => handler(typed));
                return true;
            }
            return false;
        }
    }
}
