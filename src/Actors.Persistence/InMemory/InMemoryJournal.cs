using System.Runtime.CompilerServices;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence.InMemory;

/// <summary>A journal in process memory, for tests. It serializes like the real stores, so it enforces the same rules.</summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly EventSerializer _serializer;
    private readonly Dictionary<string, SortedDictionary<long, SerializedEvent>> _events;
    private readonly Dictionary<string, long> _highest;

    public InMemoryJournal(EventSerializer serializer)
        : this(serializer, new Dictionary<string, SortedDictionary<long, SerializedEvent>>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal))
    {
    }

    private InMemoryJournal(EventSerializer serializer, Dictionary<string, SortedDictionary<long, SerializedEvent>> events, Dictionary<string, long> highest)
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
        var batch = SerializedWrites.From(writes, _serializer);
        lock (_events)
        {
            foreach (var e in batch.Events)
            {
                if (_events.TryGetValue(e.PersistenceId, out var existing) && existing.ContainsKey(e.SequenceNr))
                {
                    throw new InvalidOperationException($"Duplicate sequence number for '{e.PersistenceId}': nothing was written.");
                }
            }
            foreach (var e in batch.Events)
            {
                if (!_events.TryGetValue(e.PersistenceId, out var stored))
                {
                    _events[e.PersistenceId] = stored = [];
                }
                stored.Add(e.SequenceNr, e);
                _highest[e.PersistenceId] = Math.Max(_highest.GetValueOrDefault(e.PersistenceId), e.SequenceNr);
            }
        }
        return Task.FromResult<IReadOnlyList<Exception?>>(batch.Results);
    }

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SerializedEvent[] selected;
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
                _serializer.Deserialize(e.Manifest, e.Payload, $"{persistenceId} #{e.SequenceNr}"), new DateTimeOffset(e.TimestampUtcTicks, TimeSpan.Zero));
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
}
