using System.Runtime.ExceptionServices;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    private bool _awaitingAsync;

    private void InvokeUser(object message, IActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;
        // Re-armed before the handler runs: the timeout counts silence since the last message arrived,
        // and whatever the handler says to others happens after the re-arm.
        if (message is not INotInfluenceReceiveTimeout)
        {
            RestartReceiveTimeout();
        }
        try
        {
            switch (message)
            {
                case IAutoReceivedMessage:
                    AutoReceive(message);
                    break;
                case DeliverTerminated terminated:
                    DeliverTerminatedIfStillWatched(terminated);
                    break;
                case TimerMessage timer:
                    if (timer.Owner.Accept(timer))
                    {
                        _currentMessage = timer.Message;
                        _actor!.AroundReceive(timer.Message);
                    }
                    break;
                default:
                    _actor!.AroundReceive(message);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (!_awaitingAsync)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(_self);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, _self), _self);
                break;
            default:
                _actor!.AroundReceive(message);
                break;
        }
    }

    /// <summary>
    /// Runs an async handler. The mailbox takes no further message, user or system, until the task
    /// completes; a faulted task fails the actor exactly like a synchronous exception.
    /// </summary>
    public void RunTask(Func<Task> handler)
    {
        EnsureCanSuspend(nameof(RunTask));
        Suspend(RunWithAmbientCell(this, handler));
    }

    /// <summary>
    /// Like <see cref="RunTask"/> for a task the actor has already started, without making this cell the ambient
    /// one of the task's continuations: nothing is allocated when the task has already completed.
    /// </summary>
    public void SuspendUntilCompleted(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        EnsureCanSuspend(nameof(SuspendUntilCompleted));
        Suspend(task);
    }

    private void EnsureCanSuspend(string caller)
    {
        if (t_current != this && s_asyncCurrent.Value != this)
        {
            throw new InvalidOperationException($"{caller} can only be called while the actor processes a message.");
        }
        if (_awaitingAsync)
        {
            throw new InvalidOperationException("Only one async handler can run per message.");
        }
    }

    private void Suspend(Task task)
    {
        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }
        _awaitingAsync = true;
        task.ContinueWith(
            static (completed, state) => ((ActorCell)state!).OnAsyncHandlerCompleted(completed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // An async method restores the caller's execution context on return, so the ambient cell set
    // here flows into the handler's continuations without leaking into the mailbox thread.
    private static async Task RunWithAmbientCell(ActorCell cell, Func<Task> handler)
    {
        s_asyncCurrent.Value = cell;
        await handler().ConfigureAwait(false);
    }

    private void OnAsyncHandlerCompleted(Task completed)
    {
        // An exchange rather than a volatile write: TrySchedule relies on a full fence before it.
        Interlocked.Exchange(ref _asyncCompletion, completed);
        TrySchedule();
    }

    private void CompleteAsyncHandler(Task completed)
    {
        _awaitingAsync = false;
        try
        {
            ThrowIfFailed(completed);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            ExceptionDispatchInfo.Throw(exception);
        }
        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }
}
