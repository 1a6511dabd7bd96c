namespace MachineActors.Actors.Internal;

/// <summary>
/// The temporary sender of an Ask. The first reply completes the task; anything after that, or
/// after the timeout, goes to dead letters.
/// </summary>
internal sealed class PromiseActorRef<T> : MinimalActorRef
{
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _deadLetters;
    private readonly Action<PromiseActorRef<T>> _onCompleted;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;
    private TimeSpan _timeout;
    private IActorRef? _target;

    public PromiseActorRef(ActorPath path, IActorRef deadLetters, Action<PromiseActorRef<T>> onCompleted)
        : base(path)
    {
        _deadLetters = deadLetters;
        _onCompleted = onCompleted;
    }

    public Task<T> Task => _promise.Task;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    public void Start(TimeProvider timeProvider, TimeSpan timeout, IActorRef target, CancellationToken cancellationToken)
    {
        _timer = timeProvider.CreateTimer(
            static state =>
            {
                var promise = (PromiseActorRef<T>)state!;
                promise.TryComplete(p => p._promise.TrySetException(
                    new AskTimeoutException($"Ask timed out on [{p._target}] after [{p._timeout.TotalMilliseconds} ms].")));
            },
            this,
            timeout,
            Timeout.InfiniteTimeSpan);
        _timeout = timeout;
        _target = target;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(
                static state => ((PromiseActorRef<T>)state!).TryComplete(p => p._promise.TrySetCanceled()),
                this);
        }
    }

    public void Fail(Exception cause) => TryComplete(p => p._promise.TrySetException(cause));

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delivered = TryComplete(p =>
        {
            switch (message)
            {
                case Status.Failure failure:
                    p._promise.TrySetException(failure.Cause);
                    break;
                case T reply:
                    p._promise.TrySetResult(reply);
                    break;
                case Status.Success { Result: T result }:
                    p._promise.TrySetResult(result);
                    break;
                default:
                    p._promise.TrySetException(new InvalidCastException(
                        $"Ask expected a reply of type {typeof(T).Name} but got {message.GetType().Name}: {message}"));
                    break;
            }
        });
        if (!delivered)
        {
            _deadLetters.Tell(new Event.DeadLetter(message, sender, this), sender);
        }
    }

    private bool TryComplete(Action<PromiseActorRef<T>> complete)
    {
        lock (_promise)
        {
            if (_promise.Task.IsCompleted)
            {
                return false;
            }
            complete(this);
        }
        _timer?.Dispose();
        _cancellation.Dispose();
        _onCompleted(this);
        return true;
    }
}
