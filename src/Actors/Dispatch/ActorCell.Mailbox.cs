using MachineActors.Actors.Event;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private MpscEnvelopeQueue _userQueue;

    // Lock-free LIFO stack of system messages; drained and reversed by the mailbox.
    private SystemMessage? _systemInbox;

    // 1 while the mailbox is queued on or running on the thread pool. A new cell counts as scheduled from the start:
    // a message sent to it before ScheduleCreation queues it waits for the creation run, which will process it.
    private byte _scheduled = 1;

    private volatile bool _closed;

    // Set from construction until the first run creates the actor, ahead of any system message: a new cell is
    // scheduled once (ScheduleCreation) rather than sent a creation message.
    private bool _creationPending = true;

    // Set by an async handler's continuation; read and cleared by the mailbox.
    private Task? _asyncCompletion;

    public bool IsClosed => _closed;

    public void SendUser(object message, IActorRef? sender)
    {
        _userQueue.Enqueue(message, sender);
        TrySchedule();
    }

    /// <summary>
    /// Queues the creation run, once per cell. No fence and no compare-and-swap: the cell was born scheduled, so no
    /// sender can have queued it, and the thread pool's queue publishes it to the thread that runs it.
    /// </summary>
    public void ScheduleCreation() => ThreadPool.UnsafeQueueUserWorkItem(this, _system.Options.PreferLocalThreadPoolQueue);

    public void SendSystem(SystemMessage message)
    {
        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemInbox);
            message.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemInbox, message, head) != head);
        TrySchedule();
    }

    /// <summary>Puts messages back in front of the mailbox, keeping their order (consumer only).</summary>
    public void Prepend(IReadOnlyList<PendingMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }
        // Messages put back in front of the queue; the end of the list is the front.
        var front = Rare.Prepended ??= new List<PendingMessage>(messages.Count);
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            front.Add(messages[i]);
        }
    }

    // Every caller has just published its work with an interlocked operation, a full fence: the enqueue's
    // exchange, the system inbox's compare-and-swap, the async completion's exchange. That pairs with the
    // exchange at the end of Execute (Dekker-style): either this read sees the mailbox idle, or Execute's
    // check sees the work (a user message counts from its exchange, before its link is stored). No fence
    // of its own, then: an interlocked operation waits for every earlier store to reach the cache, which is
    // slow while an actor is writing memory that is not cached (a large start-up). The read comes before the
    // CAS so that senders to a busy mailbox (one that many actors report to) only read its line instead of
    // each taking it exclusive, which would stall its consumer on every message.
    private void TrySchedule()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, (byte)1, (byte)0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, _system.Options.PreferLocalThreadPoolQueue);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            Run();
        }
        catch (Exception e)
        {
            // The cell catches every failure of actor code; reaching here is a runtime bug.
            PublishError(e, "Mailbox run failed unexpectedly");
        }
        finally
        {
            t_current = previous;
        }
        // Full fence before re-checking, so a producer that saw "scheduled" has its message seen here.
        Interlocked.Exchange(ref _scheduled, (byte)0);
        if (HasWork())
        {
            TrySchedule();
        }
    }

    private void Run()
    {
        if (Interlocked.Exchange(ref _asyncCompletion, null) is { } completed)
        {
            CompleteAsyncHandler(completed);
        }
        if (_awaitingAsync)
        {
            return;
        }
        if (_creationPending)
        {
            _creationPending = false;
            CreateActor();
            if (_awaitingAsync)
            {
                return;
            }
        }
        ProcessSystemMessages();
        if (_closed)
        {
            DrainToDeadLetters();
            return;
        }
        var left = _system.Options.Throughput;
        while (left-- > 0 && CanProcessUserMessages && TryDequeue(out var message, out var sender))
        {
            InvokeUser(message, sender);
            if (_awaitingAsync)
            {
                return;
            }
            if (Volatile.Read(ref _systemInbox) is not null)
            {
                ProcessSystemMessages();
            }
        }
        if (_closed)
        {
            DrainToDeadLetters();
        }
    }

    private bool CanProcessUserMessages => !_closed && !_isSuspended && !_isTerminating && !_awaitingAsync;

    private bool HasWork()
    {
        if (Volatile.Read(ref _asyncCompletion) is not null)
        {
            return true;
        }
        if (_awaitingAsync)
        {
            return false;
        }
        if (Volatile.Read(ref _systemInbox) is not null)
        {
            return true;
        }
        var hasUserMessages = _userQueue.HasMessagesOrEnqueueing || _rare?.Prepended is { Count: > 0 };
        return hasUserMessages && (_closed || CanProcessUserMessages);
    }

    private bool TryDequeue(out object message, out IActorRef? sender)
    {
        if (_rare?.Prepended is { Count: > 0 } front)
        {
            var pending = front[^1];
            front.RemoveAt(front.Count - 1);
            (message, sender) = (pending.Message, pending.Sender);
            return true;
        }
        return _userQueue.TryDequeue(out message, out sender);
    }

    private void ProcessSystemMessages()
    {
        while (Interlocked.Exchange(ref _systemInbox, null) is { } stack)
        {
            // The inbox is LIFO; reverse it to process in arrival order.
            SystemMessage? ordered = null;
            while (stack is not null)
            {
                var next = stack.Next;
                stack.Next = ordered;
                ordered = stack;
                stack = next;
            }
            while (ordered is not null)
            {
                var next = ordered.Next;
                ordered.Next = null;
                if (_closed)
                {
                    ProcessSystemMessageWhenClosed(ordered);
                }
                else
                {
                    ProcessSystemMessage(ordered);
                }
                ordered = next;
                if (_awaitingAsync)
                {
                    // A restart never runs async handlers, but keep the rest for later just in case.
                    RequeueSystemMessages(ordered);
                    return;
                }
            }
        }
    }

    private void RequeueSystemMessages(SystemMessage? ordered)
    {
        var list = new List<SystemMessage>();
        for (; ordered is not null; ordered = ordered.Next)
        {
            list.Add(ordered);
        }
        foreach (var message in list)
        {
            message.Next = null;
            SendSystem(message);
        }
    }

    private void ProcessSystemMessage(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Terminate:
                    BeginTermination();
                    break;
                case Recreate recreate:
                    BeginRecreate(recreate.Cause);
                    break;
                case Internal.Resume:
                    ResumeAfterFailure();
                    break;
                case Failed failed:
                    HandleChildFailure(failed.Child, failed.Cause);
                    break;
                case Watch watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>A stopped cell still answers watches (at once) and drops everything else.</summary>
    private void ProcessSystemMessageWhenClosed(SystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(_self) && watch.Watcher is IInternalActorRef watcher)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true, addressTerminated: false));
        }
    }

    private void DrainToDeadLetters()
    {
        while (TryDequeue(out var message, out var sender))
        {
            if (message is DeliverTerminated or TimerMessage)
            {
                continue;
            }
            _system.EventStream.Publish(new DeadLetter(message, sender, _self));
        }
    }
}
