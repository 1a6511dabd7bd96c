namespace MachineActors.Actors.Pattern;

/// <summary>
/// Keeps one child alive, starting it again after a growing delay each time it fails (or stops, in
/// <see cref="BackoffMode.OnStop"/>). Every other message is forwarded to the current child.
/// </summary>
public sealed class BackoffSupervisor : ReceiveActor, IWithTimers
{
    private const string StartChildTimer = "start-child";
    private const string ResetTimer = "reset-restart-count";

    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private bool _childFailed;
    private int _restartCount;

    public BackoffSupervisor(BackoffOptions options)
    {
        options.Validate();
        _options = options;
        Receive<Terminated>(OnChildTerminated);
        Receive<StartChild>(_ => StartChildNow());
        Receive<ResetRestartCount>(reset =>
        {
            if (ReferenceEquals(reset.Child, _child))
            {
                _restartCount = 0;
            }
        });
        Receive<GetCurrentChild>(_ => Sender.Tell(new CurrentChild(_child), Self));
        Receive<GetRestartCount>(_ => Sender.Tell(new RestartCount(_restartCount), Self));
        Receive<ResetBackoff>(_ => _restartCount = 0);
        ReceiveAny(message =>
        {
            if (_child is not null)
            {
                _child.Forward(message);
            }
            else
            {
                Context.System.DeadLetters.Tell(message, Sender);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(BackoffOptions options) => Actors.Props.Create(() => new BackoffSupervisor(options));

    protected override void PreStart() => StartChildNow();

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, null, _ =>
        {
            _childFailed = true;
            return Directive.Stop;
        });

    private void StartChildNow()
    {
        if (_child is not null)
        {
            return;
        }
        _childFailed = false;
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        Timers.StartSingleTimer(ResetTimer, new ResetRestartCount(_child), _options.ResetBackoff ?? _options.MinBackoff);
    }

    private void OnChildTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_child))
        {
            return;
        }
        _child = null;
        Timers.Cancel(ResetTimer);
        var restart = _options.Mode == BackoffMode.OnStop || _childFailed;
        if (!restart || (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries))
        {
            Context.Stop(Self);
            return;
        }
        var delay = _options.DelayFor(_restartCount, Random.Shared.NextDouble());
        _restartCount++;
        Timers.StartSingleTimer(StartChildTimer, StartChild.Instance, delay);
    }

    private sealed record StartChild
    {
        public static readonly StartChild Instance = new();
    }

    private sealed record ResetRestartCount(IActorRef Child);
}
