using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MachineActors.Actors.Persistence.InMemory;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>An in-memory journal that counts the replays running at once and can hold them until released.</summary>
public sealed class ReplayCountingJournal(InMemoryJournal inner) : IJournal
{
    private readonly ConcurrentQueue<string> _replayed = new();
    private volatile TaskCompletionSource? _gate;
    private int _running;
    private int _mostRunning;
    private int _started;

    /// <summary>Replays started and not yet finished.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most replays that ran at once.</summary>
    public int MostRunning => Volatile.Read(ref _mostRunning);

    /// <summary>Replays started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>The persistence ids whose replay started, in order.</summary>
    public IReadOnlyList<string> Replayed => [.. _replayed];

    /// <summary>Replays wait (counted as running) until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken) =>
        inner.WriteAsync(writes, cancellationToken);

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _replayed.Enqueue(persistenceId);
        Interlocked.Increment(ref _started);
        var running = Interlocked.Increment(ref _running);
        for (var most = MostRunning; running > most && Interlocked.CompareExchange(ref _mostRunning, running, most) != most; most = MostRunning)
        {
        }
        try
        {
            if (_gate is { } gate)
            {
                await gate.Task.ConfigureAwait(false);
            }
            await foreach (var e in inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
