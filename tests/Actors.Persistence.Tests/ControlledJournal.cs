using System.Collections.Concurrent;
using MachineActors.Actors.Persistence.InMemory;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>An in-memory journal a test can hold, make fail, and inspect (which batches reached the store).</summary>
public sealed class ControlledJournal(InMemoryJournal inner) : IJournal
{
    private volatile TaskCompletionSource? _gate;
    private volatile TaskCompletionSource? _replayGate;

    public ConcurrentQueue<IReadOnlyList<AtomicWrite>> Batches { get; } = new();

    public InMemoryJournal Inner { get; } = inner;

    /// <summary>When set, every write fails with this exception (nothing is stored).</summary>
    public Exception? FailWritesWith { get; set; }

    /// <summary>Writes wait until <see cref="Release"/>; a held write has already been recorded in <see cref="Batches"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    /// <summary>Replays wait until <see cref="ReleaseReplays"/>, so commands sent meanwhile are surely waiting behind the recovery.</summary>
    public void HoldReplays() => _replayGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseReplays() => Interlocked.Exchange(ref _replayGate, null)?.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken) => Inner.InitializeAsync(cancellationToken);

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        Batches.Enqueue(writes);
        if (_gate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }
        if (FailWritesWith is { } failure)
        {
            throw failure;
        }
        return await Inner.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_replayGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }
        await foreach (var @event in Inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false))
        {
            yield return @event;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        Inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        Inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
