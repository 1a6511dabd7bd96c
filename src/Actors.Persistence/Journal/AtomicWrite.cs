namespace MachineActors.Actors.Persistence;

/// <summary>
/// Events of one persistence id that are written all together or not at all, with consecutive
/// sequence numbers (what one PersistAll produces).
/// </summary>
public sealed record AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }
        var persistenceId = events[0].PersistenceId;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != persistenceId || events[i].SequenceNr != events[i - 1].SequenceNr + 1)
            {
                throw new ArgumentException("An atomic write holds consecutive events of one persistence id.", nameof(events));
            }
        }
        Events = events;
    }

    public IReadOnlyList<PersistentEvent> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
