using System.Runtime.CompilerServices;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence.InMemory;

/// <summary>A journal in process memory, for tests. It serializes like the real stores, so it enforces the same rules.</summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly EventSerializer _serializer;
    private readonly Dictionary<string, SortedDictionary<long, StoredEvent>> _events;
    private readonly Dictionary<string, long> _highest;

    public InMemoryJournal(EventSerializer serializer)
        : this(serializer, new Dictionary<string, SortedDictionary<long, StoredEvent>>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal))
    {
    }

    private InMemoryJournal(EventSerializer serializer, Dictionary<string, SortedDictionary<long, StoredEvent>> events, Dictionary<string, long> highest)
    {
        _serializer = serializer;
        _events = events;
        _highest = highest;
    }

    /// <summary>Another journal over the same memory with another serializer, as reopening a database would be.</summary>
    public InMemoryJournal Reopen(EventSerializer serializer) => new(serializer, _events, _highest);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = new Exception?[writes.Count];
        var serialized = new List<(AtomicWrite Write, StoredEvent[] Events)>();
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                serialized.Add((writes[i], [.. writes[i].Events.Select(e => new StoredEvent(e.SequenceNr, _serializer.Serialize(e.Payload), e.Timestamp))]));
            }
            catch (PersistenceSerializationException e)
            {
                results[i] = e;
            }
        }
        lock (_events)
        {
            foreach (var (write, events) in serialized)
            {
                var stored = _events.TryGetValue(write.PersistenceId, out var existing) ? existing : null;
                if (stored is not null && events.Any(e => stored.ContainsKey(e.SequenceNr)))
                {
                    throw new InvalidOperationException($"Duplicate sequence number for '{write.PersistenceId}': nothing was written.");
                }
            }
            foreach (var (write, events) in serialized)
            {
                if (!_events.TryGetValue(write.PersistenceId, out var stored))
                {
                    _events[write.PersistenceId] = stored = [];
                }
                foreach (var e in events)
                {
                    stored.Add(e.SequenceNr, e);
                }
                _highest[write.PersistenceId] = Math.Max(_highest.GetValueOrDefault(write.PersistenceId), write.HighestSequenceNr);
            }
        }
        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredEvent[] selected;
        lock (_events)
        {
            selected = _events.TryGetValue(persistenceId, out var stored)
                ? [.. stored.Values.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr).Take((int)Math.Min(max, int.MaxValue))]
                : [];
        }
        foreach (var e in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PersistentEvent(persistenceId, e.SequenceNr,
                _serializer.Deserialize(e.Payload.Manifest, e.Payload.Bytes, $"{persistenceId} #{e.SequenceNr}"), e.Timestamp);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            return Task.FromResult(_highest.GetValueOrDefault(persistenceId));
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            if (_events.TryGetValue(persistenceId, out var stored))
            {
                foreach (var sequenceNr in stored.Keys.Where(n => n <= toSequenceNr).ToList())
                {
                    stored.Remove(sequenceNr);
                }
            }
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record StoredEvent(long SequenceNr, SerializedPayload Payload, DateTimeOffset Timestamp);
}
