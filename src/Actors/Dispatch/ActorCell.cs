using MachineActors.Actors.Event;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

/// <summary>
/// The runtime side of one actor: its mailbox, its current incarnation, its children, what it
/// watches and who watches it. Everything except the enqueue methods and child creation runs on
/// the mailbox, one message at a time (the "single-threaded illusion").
/// The class is split by concern into partial files.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private static readonly AsyncLocal<ActorCell?> s_asyncCurrent = new();

    private readonly ActorSystem _system;
    private readonly IInternalActorRef _parent;
    private readonly LocalActorRef _self;
    private ActorBase? _actor;

    private object? _currentMessage;
    private IActorRef? _currentSender;

    // What few actors ever need, in one object made on first use, so that every other cell is four fields smaller.
    // Created and changed only while the cell processes its mailbox.
    private RareState? _rare;

    public ActorCell(ActorSystem system, Props props, IInternalActorRef parent, ActorPath path)
    {
        _system = system;
        Props = props;
        _parent = parent;
        _self = new LocalActorRef(this, path);
    }

    /// <summary>The cell whose message is being processed on this thread or in this async flow.</summary>
    public static ActorCell? Current => s_asyncCurrent.Value ?? t_current;

    public static IActorRef? CurrentSelfOrNoSender => Current?._self;

    /// <summary>The cell whose actor constructor is running on this thread (read by <see cref="ActorBase"/>).</summary>
    public static ActorCell? Constructing => t_constructing;

    public LocalActorRef SelfRef => _self;

    public IActorRef Self => _self;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => _parent;

    public IInternalActorRef ParentRef => _parent;

    public ActorSystem System => _system;

    public Props Props { get; }

    public ActorBase? Actor => _actor;

    public object? CurrentMessage => _currentMessage;

    /// <summary>Lets a handler that runs later on behalf of a message (a persist handler) see that message's sender.</summary>
    public void RestoreSender(IActorRef? sender) => _currentSender = sender;

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name);

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Parse(_system, path, this);

    private ActorBase NewActorInstance()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            var actor = Props.NewActor();
            actor.OnConstructed(this);
            return actor;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    private void PublishError(Exception? cause, string message) =>
        _system.EventStream.Publish(new Error(cause, _self.Path.ToString(), Props.ActorType, message));

    public override string ToString() => $"ActorCell({_self.Path})";
}
