namespace MachineActors.Actors.Persistence;

/// <summary>
/// An event journal. Contract (checked by the journal contract test suite every store inherits):
/// <list type="bullet">
/// <item>Each <see cref="AtomicWrite"/> is stored entirely or not at all; a batch of writes from
/// many persistence ids is stored in as few transactions as the store allows.</item>
/// <item>Events of one persistence id are read back in sequence-number order; a sequence number is
/// stored at most once per persistence id.</item>
/// <item>After <see cref="DeleteMessagesToAsync"/> the highest sequence number is still reported,
/// so a new event never reuses a deleted number.</item>
/// <item>Payloads go through the store's <see cref="Serialization.EventSerializer"/>: an unregistered
/// type or an oversized event rejects that atomic write only, with a clear exception.</item>
/// </list>
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Creates the schema if needed. Called once before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the writes. Returns, per write and in order, null when it was stored or the reason it
    /// was rejected (and not stored). Throws when the store itself failed: then nothing was stored.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken);

    /// <summary>Events with <paramref name="fromSequenceNr"/> ≤ sequence nr ≤ <paramref name="toSequenceNr"/>, at most <paramref name="max"/>, in order.</summary>
    IAsyncEnumerable<PersistentEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken);

    /// <summary>The highest sequence number ever stored for the id (also after deletion); 0 when none.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken);

    /// <summary>Deletes every event of the id up to and including <paramref name="toSequenceNr"/>.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken);
}
