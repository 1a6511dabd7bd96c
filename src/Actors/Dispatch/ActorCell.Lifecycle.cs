using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    // The actor failed and waits for its supervisor's directive; no user messages meanwhile.
    private bool _isSuspended;

    // Stopping: waiting for children to stop before PostStop. Read by other threads (child creation).
    private volatile bool _isTerminating;

    // Created when the actor first fails; most actors never do.
    private FailureState Failure => Rare.Failure ??= new FailureState();

    private void CreateActor()
    {
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception during creation of {_self.Path}: {e.Message}", e));
        }
    }

    /// <summary>Suspends the actor and reports the failure to its supervisor.</summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_isTerminating || _closed)
        {
            PublishError(cause, $"Failure while stopping: {cause.Message}");
            return;
        }
        if (_isSuspended)
        {
            // Already waiting for a directive; the first failure decides.
            PublishError(cause, $"Further failure while suspended: {cause.Message}");
            return;
        }
        _isSuspended = true;
        Failure.FailedMessage = _currentMessage;
        _parent.SendSystemMessage(new Failed(_self, cause));
    }

    private void ResumeAfterFailure()
    {
        _isSuspended = false;
        if (_rare?.Failure is not { } failure)
        {
            return;
        }
        failure.FailedMessage = null;
        if (failure.EscalatedChild is { } child)
        {
            failure.EscalatedChild = null;
            ResumeChild(child);
        }
    }

    private void BeginRecreate(Exception cause)
    {
        if (_isTerminating)
        {
            return;
        }
        _isSuspended = true;
        Failure.EscalatedChild = null;
        if (_actor is { } actor)
        {
            try
            {
                actor.AroundPreRestart(cause, Failure.FailedMessage);
            }
            catch (Exception e)
            {
                PublishError(e, $"PreRestart failed: {e.Message}");
            }
            finally
            {
                _actor = null;
                CancelReceiveTimeout();
            }
        }
        if (HasStoppingChildren)
        {
            Failure.PendingRecreateCause = cause;
            return;
        }
        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        Failure.PendingRecreateCause = null;
        Failure.FailedMessage = null;
        _isSuspended = false;
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception during restart of {_self.Path}: {e.Message}", e));
        }
    }

    private void BeginTermination()
    {
        if (_isTerminating || _closed)
        {
            return;
        }
        var children = MarkTerminatingAndStopChildren();
        CancelReceiveTimeout();
        if (children == 0)
        {
            FinishTermination();
        }
    }

    private void FinishTermination()
    {
        try
        {
            if (_actor is { } actor)
            {
                actor.AroundPostStop();
            }
        }
        catch (Exception e)
        {
            PublishError(e, $"PostStop failed: {e.Message}");
        }
        finally
        {
            _actor = null;
            _closed = true;
            DrainToDeadLetters();
            NotifyWatchersAndUnwatchAll();
            _parent.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true, addressTerminated: false));
        }
    }

    private void AfterChildTerminated()
    {
        if (_isTerminating)
        {
            if (ChildCount == 0)
            {
                FinishTermination();
            }
        }
        else if (_rare?.Failure?.PendingRecreateCause is { } cause && !HasStoppingChildren)
        {
            FinishRecreate(cause);
        }
    }

    /// <summary>Runs on the supervisor's mailbox: apply its strategy, or escalate.</summary>
    private void HandleChildFailure(IActorRef child, Exception cause)
    {
        if (!IsCurrentChild(child))
        {
            return;
        }
        var strategy = _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
        Directive directive;
        try
        {
            directive = strategy.Decide(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
            return;
        }
        if (!strategy.HandleFailure(this, child, cause, directive))
        {
            Failure.EscalatedChild = child;
            HandleInvokeFailure(cause);
        }
    }

    public void ResumeChild(IActorRef child) => ((IInternalActorRef)child).SendSystemMessage(new Internal.Resume());

    public void RestartChild(IActorRef child, Exception cause) => ((IInternalActorRef)child).SendSystemMessage(new Recreate(cause));
}
