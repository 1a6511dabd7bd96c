using MachineActors.Actors.Persistence;

namespace MachineActors.Bench.Journal;

/// <summary>Counts store calls and the writes in them, to report how well writes are batched.</summary>
internal sealed class CountingJournal(IJournal inner) : IJournal
{
    private long _calls;
    private long _writes;

    public double WritesPerCall => _calls == 0 ? 0 : (double)Interlocked.Read(ref _writes) / Interlocked.Read(ref _calls);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _writes, writes.Count);
        return inner.WriteAsync(writes, cancellationToken);
    }

    public IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
