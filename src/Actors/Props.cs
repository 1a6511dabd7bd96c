namespace MachineActors.Actors;

/// <summary>
/// Immutable recipe for creating an actor. The factory runs on the actor's own mailbox each time
/// an incarnation is created (first start and every restart), so it must return a new instance.
/// </summary>
public sealed class Props
{
    // Either a Func<ActorBase> (with a null state) or a Func<TState, TActor> with its state; _invoke calls it.
    private readonly Delegate _factory;
    private readonly object? _state;
    private readonly Func<Delegate, object?, ActorBase> _invoke;

    private Props(Type actorType, Func<ActorBase> factory)
        : this(actorType, factory, null, static (factory, _) => ((Func<ActorBase>)factory)())
    {
    }

    private Props(Type actorType, Delegate factory, object? state, Func<Delegate, object?, ActorBase> invoke)
    {
        ActorType = actorType;
        _factory = factory;
        _state = state;
        _invoke = invoke;
    }

    public Type ActorType { get; }

    public static Props Create<TActor>()
        where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor());

    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory);
    }

    /// <summary>
    /// Like <see cref="Create{TActor}(Func{TActor})"/>, with the factory's input kept in the props rather than in a
    /// closure: a static lambda and its state add no object, where a capturing lambda adds two (the delegate and
    /// its closure), which counts when a parent creates many children.
    /// </summary>
    public static Props Create<TActor, TState>(Func<TState, TActor> factory, TState state)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, state, static (factory, state) => ((Func<TState, TActor>)factory)((TState)state!));
    }

    /// <summary>Creates through the public constructor that matches <paramref name="args"/>.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
        {
            throw new ArgumentException($"{actorType} is not a concrete actor type.", nameof(actorType));
        }
        var arguments = (object?[])args.Clone();
        return new Props(actorType, () =>
        {
            try
            {
                return (ActorBase)Activator.CreateInstance(actorType, arguments)!;
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        });
    }

    internal ActorBase NewActor() => _invoke(_factory, _state);

    public override string ToString() => $"Props({ActorType.Name})";
}
