using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence;

/// <summary>
/// A batch of atomic writes turned into rows before any database work: a write whose payload cannot
/// be serialized gets its rejection in <see cref="Results"/> and contributes no row, so rejections
/// never touch the transaction that stores the rest.
/// </summary>
internal sealed class SerializedWrites
{
    private SerializedWrites(Exception?[] results, List<SerializedEvent> events)
    {
        Results = results;
        Events = events;
    }

    /// <summary>Per write, in order: null when its rows are in <see cref="Events"/>, else why it was rejected.</summary>
    public Exception?[] Results { get; }

    /// <summary>The rows of the accepted writes, in write order.</summary>
    public List<SerializedEvent> Events { get; }

    public static SerializedWrites From(IReadOnlyList<AtomicWrite> writes, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        var events = new List<SerializedEvent>(writes.Count);
        var rows = new List<SerializedEvent>();
        for (var i = 0; i < writes.Count; i++)
        {
            rows.Clear();
            try
            {
                foreach (var e in writes[i].Events)
                {
                    var payload = serializer.Serialize(e.Payload);
                    rows.Add(new SerializedEvent(e.PersistenceId, e.SequenceNr, payload.Manifest, payload.Bytes, e.Timestamp.UtcTicks));
                }
                events.AddRange(rows);
            }
            catch (PersistenceSerializationException rejection)
            {
                results[i] = rejection;
            }
        }
        return new SerializedWrites(results, events);
    }
}
