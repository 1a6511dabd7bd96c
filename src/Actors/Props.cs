namespace MachineActors.Actors;

/// <summary>
/// Immutable recipe for creating an actor. The factory runs on the actor's own mailbox each time
/// an incarnation is created (first start and every restart), so it must return a new instance.
/// </summary>
/// <remarks>
/// Each kind of factory is its own small subclass holding just what it needs (the delegate, and the state of a
/// stateful one), rather than one class with every field and an invoker: a parent that creates many children keeps
/// one props per child.
/// </remarks>
public abstract class Props
{
    private Props()
    {
    }

    public abstract Type ActorType { get; }

    public static Props Create<TActor>()
        where TActor : ActorBase, new() =>
        new FactoryProps<TActor>(static () => new TActor());

    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new FactoryProps<TActor>(factory);
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
        return new StatefulProps<TActor, TState>(factory, state);
    }

    /// <summary>Creates through the public constructor that matches <paramref name="args"/>.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
        {
            throw new ArgumentException($"{actorType} is not a concrete actor type.", nameof(actorType));
        }
        return new ReflectedProps(actorType, (object?[])args.Clone());
    }

    internal abstract ActorBase NewActor();

    public override string ToString() => $"Props({ActorType.Name})";

    private sealed class FactoryProps<TActor>(Func<TActor> factory) : Props
        where TActor : ActorBase
    {
        public override Type ActorType => typeof(TActor);

        internal override ActorBase NewActor() => factory();
    }

    private sealed class StatefulProps<TActor, TState>(Func<TState, TActor> factory, TState state) : Props
        where TActor : ActorBase
    {
        public override Type ActorType => typeof(TActor);

        internal override ActorBase NewActor() => factory(state);
    }

    private sealed class ReflectedProps(Type actorType, object?[] arguments) : Props
    {
        public override Type ActorType => actorType;

        internal override ActorBase NewActor()
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
        }
    }
}
