using MachineActors.Actors.Event;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.TestKit;

/// <summary>
/// Expects a number of matching events on the event stream while an action runs, e.g.
/// <c>EventFilter.Exception&lt;InvalidOperationException&gt;().ExpectOne(() =&gt; actor.Tell("boom"))</c>.
/// Waits until the count is reached and fails if it is not, or if more matching events arrived.
/// </summary>
public sealed class EventFilter
{
    private readonly ActorSystem _system;
    private readonly Type _channel;
    private readonly Func<object, bool> _matches;
    private readonly string _description;

    private EventFilter(ActorSystem system, Type channel, Func<object, bool> matches, string description)
    {
        _system = system;
        _channel = channel;
        _matches = matches;
        _description = description;
    }

    internal static EventFilterFactory For(ActorSystem system) => new(system);

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    public T ExpectOne<T>(Func<T> action, TimeSpan? timeout = null)
    {
        T result = default!;
        Expect(1, () => result = action(), timeout);
        return result;
    }

    public void Expect(int occurrences, Action action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var collector = new Collector(ActorPath.Root(_system.Address).Child("system").Child("eventFilter", Random.Shared.NextInt64(1, long.MaxValue)), _matches);
        _system.EventStream.Subscribe(collector, _channel);
        try
        {
            action();
            var deadline = DateTime.UtcNow + WithinScope.Remaining(timeout, TestTimeouts.DefaultExpect);
            while (collector.Count < occurrences && DateTime.UtcNow < deadline)
            {
                collector.WaitForMore(deadline - DateTime.UtcNow);
            }
        }
        finally
        {
            _system.EventStream.Unsubscribe(collector);
        }
        if (collector.Count != occurrences)
        {
            throw new ExpectationFailedException(
                $"Expected {occurrences} {_description} event(s) but saw {collector.Count}: {string.Join("; ", collector.Seen)}");
        }
    }

    /// <summary>Builds filters for one actor system.</summary>
    public sealed class EventFilterFactory(ActorSystem system)
    {
        /// <summary>Errors whose cause is a <typeparamref name="TException"/> (optionally with this message or containing a text).</summary>
        public EventFilter Exception<TException>(string? message = null, string? contains = null)
            where TException : Exception =>
            new(system, typeof(Error), e => e is Error { Cause: TException cause } && TextMatches(cause.Message, message, contains),
                $"Error({typeof(TException).Name})");

        public EventFilter Error(string? message = null, string? contains = null) =>
            new(system, typeof(Error), e => e is Error error && TextMatches(error.Message, message, contains), "Error");

        public EventFilter Warning(string? message = null, string? contains = null) =>
            new(system, typeof(Warning), e => e is Warning warning && TextMatches(warning.Message, message, contains), "Warning");

        public EventFilter DeadLetter<TMessage>() =>
            new(system, typeof(DeadLetter), e => e is DeadLetter { Message: TMessage }, $"DeadLetter({typeof(TMessage).Name})");

        public EventFilter Unhandled<TMessage>() =>
            new(system, typeof(UnhandledMessage), e => e is UnhandledMessage { Message: TMessage }, $"Unhandled({typeof(TMessage).Name})");

        private static bool TextMatches(string text, string? exact, string? contains) =>
            (exact is null || text == exact) && (contains is null || text.Contains(contains, StringComparison.Ordinal));
    }

    private sealed class Collector(ActorPath path, Func<object, bool> matches) : MinimalActorRef(path)
    {
        private readonly List<string> _seen = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public int Count
        {
            get
            {
                lock (_seen)
                {
                    return _seen.Count;
                }
            }
        }

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void WaitForMore(TimeSpan timeout) => _arrived.Wait(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);

        public override void Tell(object message, IActorRef? sender)
        {
            if (!matches(message))
            {
                return;
            }
            lock (_seen)
            {
                _seen.Add(message.ToString() ?? message.GetType().Name);
            }
            _arrived.Release();
        }
    }
}
