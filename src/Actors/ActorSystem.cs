using System.Collections.Concurrent;
using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Event;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors;

/// <summary>
/// A hierarchy of actors: <c>/user</c> holds application actors, <c>/system</c> runtime actors,
/// <c>/temp</c> the temporary senders of asks. Terminating stops /user children-first, then /system.
/// </summary>
public sealed class ActorSystem : IActorRefFactory, IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Address, ActorSystem> s_systems = new();

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, IActorRef> _tempActors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly ActorCell _rootCell;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private long _uid = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private long _tempNumber;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        options.Validate();
        Name = name;
        Options = options;
        Address = new Address(name, options.Host, options.Port);
        EventStream = new EventStream();
        Scheduler = new TimeProviderScheduler(options.TimeProvider);
        CoordinatedShutdown = new CoordinatedShutdown(this);
        var rootPath = ActorPath.Root(Address);
        DeadLetters = new DeadLetterActorRef(rootPath.Child("deadLetters"), EventStream);
        if (options.StandardErrorLogLevel != LogLevel.Off)
        {
            EventStream.Subscribe(new StandardOutLogger(rootPath.Child("stdErrLogger"), options.StandardErrorLogLevel), typeof(LogEvent));
        }
        var rootParent = new RootParentRef(rootPath.Child("bubble-walker"), OnRootTerminated, OnRootFailed);
        _rootCell = new ActorCell(this, Props.Create(() => new RootGuardianActor()), rootParent, rootPath.WithUid(NextUid()));
        _userGuardian = ((LocalActorRef)_rootCell.AttachChild(Props.Create(() => new GuardianActor(options.GuardianSupervisorStrategy)), "user")).Cell;
        _systemGuardian = ((LocalActorRef)_rootCell.AttachChild(Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "system")).Cell;
        _rootCell.ScheduleCreation();
        s_systems[Address] = this;
    }

    public string Name { get; }

    public ActorSystemOptions Options { get; }

    public Address Address { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    public EventStream EventStream { get; }

    public IActorRef DeadLetters { get; }

    public IScheduler Scheduler { get; }

    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when every actor, guardians included, has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ActorCell RootCell => _rootCell;

    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Actor system name '{name}' may contain only letters, digits, '-' and '_'.", nameof(name));
        }
        return new ActorSystem(name, options ?? new ActorSystemOptions());
    }

    /// <summary>The running system with this address, if any (used to ask through non-local references).</summary>
    public static ActorSystem? ForAddress(Address address) => s_systems.TryGetValue(address, out var system) ? system : null;

    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.AttachChild(props, name);

    /// <summary>Creates a runtime actor under /system.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.AttachChild(props, name);

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Parse(this, path, null);

    /// <summary>
    /// Registers a per-system service (as Akka's extensions do: persistence, cluster); the first
    /// registration of a type wins and is returned to later callers.
    /// </summary>
    public T RegisterExtension<T>(T extension)
        where T : class => (T)_extensions.GetOrAdd(typeof(T), extension);

    public T? GetExtension<T>()
        where T : class => _extensions.TryGetValue(typeof(T), out var extension) ? (T)extension : null;

    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>Runs coordinated shutdown (if not already running) and completes when the system has terminated.</summary>
    public Task Terminate()
    {
        CoordinatedShutdown.Run("ActorSystem.Terminate");
        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    internal Task StopGuardians()
    {
        _userGuardian.SelfRef.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal PromiseActorRef<T> CreatePromise<T>()
    {
        var name = "$" + Interlocked.Increment(ref _tempNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = _rootCell.Self.Path.Child("temp").Child(name, NextUid());
        var promise = new PromiseActorRef<T>(path, DeadLetters, p => _tempActors.TryRemove(p.Path.Name, out _));
        _tempActors[name] = promise;
        return promise;
    }

    /// <summary>
    /// Makes a reference that is not an actor (a test probe, a bridge) reachable at <c>/temp/&lt;name&gt;</c>, as the
    /// temporary sender of an ask is, so replies from other nodes find it. Its path must be under /temp.
    /// </summary>
    /// <returns>False when another reference already has that name.</returns>
    public bool TryRegisterTempActor(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Path.Parent is not { Name: "temp", Parent.Parent: null })
        {
            throw new ArgumentException($"{actor.Path} is not under /temp.", nameof(actor));
        }
        return _tempActors.TryAdd(actor.Path.Name, actor);
    }

    public void UnregisterTempActor(IActorRef actor) =>
        _tempActors.TryRemove(new KeyValuePair<string, IActorRef>(actor.Path.Name, actor));

    internal IActorRef? TempActor(string name) => _tempActors.TryGetValue(name, out var actor) ? actor : null;

    /// <summary>
    /// The live actor at <paramref name="elements"/> (names from the root, e.g. ["user", "printer-1"], or
    /// ["temp", "$7"] for an ask's temporary sender), or null. A non-zero <paramref name="uid"/> must match the
    /// actor's incarnation. Transports use it to deliver inbound messages; no wildcards, no relative steps.
    /// </summary>
    public IActorRef? ResolveLocal(IReadOnlyList<string> elements, long uid)
    {
        ArgumentNullException.ThrowIfNull(elements);
        IActorRef? found;
        if (elements is ["temp", var tempName])
        {
            found = TempActor(tempName);
        }
        else
        {
            var cell = _rootCell;
            foreach (var element in elements)
            {
                if (cell.ChildRef(element) is not { } child)
                {
                    return null;
                }
                cell = child.Cell;
            }
            found = cell.IsClosed || cell == _rootCell ? null : cell.Self;
        }
        return found is not null && (uid == 0 || found.Path.Uid == uid) ? found : null;
    }

    private void OnRootTerminated()
    {
        s_systems.TryRemove(new KeyValuePair<Address, ActorSystem>(Address, this));
        _terminated.TrySetResult();
    }

    private void OnRootFailed(Exception cause) =>
        EventStream.Publish(new Error(cause, _rootCell.Self.Path.ToString(), typeof(ActorSystem), $"The root guardian failed; terminating: {cause.Message}"));

    public override string ToString() => Address.ToString();
}
