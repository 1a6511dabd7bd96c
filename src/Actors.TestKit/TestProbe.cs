using System.Collections.Concurrent;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.TestKit;

/// <summary>
/// A reference that records what it is sent, for a test to assert on. Waits block the test
/// thread with a timeout (default <see cref="TestTimeouts.DefaultExpect"/>, capped by Within).
/// </summary>
public sealed class TestProbe
{
    private readonly BlockingCollection<ReceivedMessage> _received = [];
    private readonly ProbeRef _ref;

    public TestProbe(ActorSystem system, string name)
    {
        System = system;
        // Under /temp, registered, so that a reply from another node finds the probe.
        var temp = ActorPath.Root(system.Address).Child("temp");
        var uid = Random.Shared.NextInt64(1, long.MaxValue);
        _ref = new ProbeRef(temp.Child(name, uid), this);
        if (!system.TryRegisterTempActor(_ref))
        {
            _ref = new ProbeRef(temp.Child($"{name}-{uid}", uid), this);
            system.TryRegisterTempActor(_ref);
        }
    }

    public ActorSystem System { get; }

    public IActorRef Ref => _ref;

    /// <summary>The sender of the last message taken by an Expect or Receive call.</summary>
    public IActorRef? LastSender { get; private set; }

    public object? LastMessage { get; private set; }

    public bool HasMessages => _received.Count > 0;

    public void Send(IActorRef target, object message) => target.Tell(message, _ref);

    /// <summary>Answers the sender of the last message received.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new ExpectationFailedException("No message has been received yet, so there is nobody to reply to.")).Tell(message, _ref);

    /// <summary>Passes the last message received on to <paramref name="target"/>, keeping its sender.</summary>
    public void Forward(IActorRef target) =>
        target.Tell(LastMessage ?? throw new ExpectationFailedException("No message has been received yet."), LastSender);

    public IActorRef Watch(IActorRef subject)
    {
        _ref.StartWatching(subject);
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        _ref.StopWatching(subject);
        return subject;
    }

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout);

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) =>
        ExpectMsg<T>(m => EqualityComparer<T>.Default.Equals(m, expected), timeout, $"equal to {expected}");

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null) => ExpectMsg(predicate, timeout, "matching the predicate");

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!sender.Equals(LastSender))
        {
            throw new ExpectationFailedException($"Expected {typeof(T).Name} from {sender} but it came from {LastSender}.");
        }
        return message;
    }

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $"Terminated for {target}");

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = WithinScope.Remaining(duration, TestTimeouts.DefaultNoMessage);
        if (_received.TryTake(out var message, wait))
        {
            Record(message);
            throw new ExpectationFailedException($"Expected no message for {wait.TotalMilliseconds:0} ms but got {Describe(message.Message)} from {message.Sender}.");
        }
    }

    public object ReceiveOne(TimeSpan? timeout = null)
    {
        var wait = WithinScope.Remaining(timeout, TestTimeouts.DefaultExpect);
        if (!_received.TryTake(out var message, wait))
        {
            throw new ExpectationFailedException($"Timeout ({wait.TotalMilliseconds:0} ms) while waiting for a message.");
        }
        Record(message);
        return message.Message;
    }

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + WithinScope.Remaining(timeout, TestTimeouts.DefaultExpect);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.Zero || !_received.TryTake(out var message, left))
            {
                throw new ExpectationFailedException($"Received {messages.Count} of {count} expected messages before the timeout.");
            }
            Record(message);
            messages.Add(message.Message);
        }
        return messages;
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> matches the predicate.</summary>
    public T FishForMessage<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + WithinScope.Remaining(timeout, TestTimeouts.DefaultExpect);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.Zero || !_received.TryTake(out var message, left))
            {
                throw new ExpectationFailedException($"No {typeof(T).Name} matching the predicate arrived before the timeout.");
            }
            Record(message);
            if (message.Message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    private T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout, string what)
    {
        var wait = WithinScope.Remaining(timeout, TestTimeouts.DefaultExpect);
        if (!_received.TryTake(out var message, wait))
        {
            throw new ExpectationFailedException($"Timeout ({wait.TotalMilliseconds:0} ms) while waiting for {typeof(T).Name} {what}.");
        }
        Record(message);
        if (message.Message is not T typed)
        {
            throw new ExpectationFailedException($"Expected {typeof(T).Name} {what} but got {Describe(message.Message)}.");
        }
        if (!predicate(typed))
        {
            throw new ExpectationFailedException($"Got {Describe(message.Message)}, not {what}.");
        }
        return typed;
    }

    private void Record(ReceivedMessage message)
    {
        LastMessage = message.Message;
        LastSender = message.Sender;
    }

    private static string Describe(object message) => $"{message.GetType().Name} ({message})";

    private void Enqueue(object message, IActorRef? sender) => _received.Add(new ReceivedMessage(message, sender));

    public override string ToString() => $"TestProbe({_ref.Path})";

    private readonly record struct ReceivedMessage(object Message, IActorRef? Sender);

    private sealed class ProbeRef(ActorPath path, TestProbe probe) : MinimalActorRef(path)
    {
        private readonly HashSet<IActorRef> _watching = [];

        public override void Tell(object message, IActorRef? sender)
        {
            ArgumentNullException.ThrowIfNull(message);
            probe.Enqueue(message, sender);
        }

        public void StartWatching(IActorRef subject)
        {
            lock (_watching)
            {
                if (!_watching.Add(subject))
                {
                    return;
                }
            }
            ((IInternalActorRef)subject).SendSystemMessage(new Internal.Watch(subject, this));
        }

        public void StopWatching(IActorRef subject)
        {
            lock (_watching)
            {
                if (!_watching.Remove(subject))
                {
                    return;
                }
            }
            ((IInternalActorRef)subject).SendSystemMessage(new Internal.Unwatch(subject, this));
        }

        public override void SendSystemMessage(SystemMessage message)
        {
            if (message is DeathWatchNotification notification)
            {
                bool wasWatching;
                lock (_watching)
                {
                    wasWatching = _watching.Remove(notification.Actor);
                }
                if (wasWatching)
                {
                    probe.Enqueue(new Terminated(notification.Actor, notification.ExistenceConfirmed, notification.AddressTerminated), notification.Actor);
                }
            }
        }
    }
}
