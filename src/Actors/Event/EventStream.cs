namespace MachineActors.Actors.Event;

/// <summary>
/// Publish/subscribe by type: a subscriber to channel <c>T</c> gets every published event assignable
/// to <c>T</c>. Subscriptions are copy-on-write, so publishing never takes a lock.
/// </summary>
public sealed class EventStream
{
    private Subscription[] _subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            if (Array.Exists(current, s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }
            Subscription[] updated = [.. current, new Subscription(subscriber, channel)];
            if (Interlocked.CompareExchange(ref _subscriptions, updated, current) == current)
            {
                return true;
            }
        }
    }

    public bool Subscribe<TChannel>(IActorRef subscriber) => Subscribe(subscriber, typeof(TChannel));

    /// <summary>Removes the subscriber from <paramref name="channel"/>, or from every channel when null.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            var updated = Array.FindAll(current, s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel)));
            if (updated.Length == current.Length)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _subscriptions, updated, current) == current)
            {
                return true;
            }
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Channel.IsAssignableFrom(type))
            {
                subscription.Subscriber.Tell(@event, null);
            }
        }
    }

    /// <summary>True when someone listens for events of <paramref name="type"/> (lets publishers skip building them).</summary>
    public bool HasSubscribers(Type type)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Channel.IsAssignableFrom(type))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
