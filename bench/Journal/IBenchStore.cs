using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Bench.Journal;

/// <summary>A store under measurement: fresh journals on it, and the raw batched-INSERT baseline on the same database.</summary>
internal interface IBenchStore : IAsyncDisposable
{
    string Name { get; }

    /// <summary>A fresh, empty journal and snapshot store (schema created by the persistence extension).</summary>
    (IJournal Journal, ISnapshotStore Snapshots) Open(EventSerializer serializer);

    /// <summary>Inserts <paramref name="payloads"/> as journal-shaped rows with plain batched INSERTs; returns rows/s.</summary>
    Task<double> InsertBaseline(IReadOnlyList<(string PersistenceId, long SequenceNr, byte[] Payload)> rows, int batchSize);
}
