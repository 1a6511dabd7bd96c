namespace MachineActors.Actors.Persistence.Tests;

public sealed record Add(int Amount);

public sealed record AddMany(params int[] Amounts);

public sealed record AddQuickly(int Amount);

public sealed record Added(int Amount);

public sealed record CounterState(int Total, IReadOnlyList<int> History);

/// <summary>A persistent counter used by the PersistentActor tests; reports what it does to a probe.</summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly List<int> _history = [];
    private readonly string _persistenceId;

    public CounterActor(string persistenceId, IActorRef probe, bool failOnRecovery = false)
    {
        _persistenceId = persistenceId;
        Recover<SnapshotOffer>(offer =>
        {
            probe.Tell($"offer {offer.Metadata.SequenceNr}", Self);
            _history.AddRange(((CounterState)offer.Snapshot).History);
        });
        Recover<Added>(added =>
        {
            if (failOnRecovery)
            {
                throw new InvalidOperationException("recovery handler broke");
            }
            probe.Tell($"replayed {added.Amount}", Self);
            _history.Add(added.Amount);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            probe.Tell($"recovered total={_history.Sum()} seq={LastSequenceNr}", Self);
            if (_history.Contains(-1))
            {
                // A marker event asks for a correction once recovered: persisting here is allowed.
                Persist(new Added(1), added =>
                {
                    _history.Add(added.Amount);
                    probe.Tell($"corrected seq={LastSequenceNr}", Self);
                });
            }
        });
        Command<Add>(add => Persist(new Added(add.Amount), added =>
        {
            _history.Add(added.Amount);
            Sender.Tell($"added {added.Amount} seq={LastSequenceNr}", Self);
        }));
        Command<AddMany>(many => PersistAll(many.Amounts.Select(a => new Added(a)), added =>
        {
            _history.Add(added.Amount);
            Sender.Tell($"added {added.Amount}", Self);
        }));
        Command<AddQuickly>(add => PersistAsync(new Added(add.Amount), added =>
        {
            _history.Add(added.Amount);
            probe.Tell($"async handler {added.Amount}", Self);
        }));
        Command<string>(s => s == "get", _ => Sender.Tell(new CounterState(_history.Sum(), [.. _history]), Self));
        Command<string>(s => s == "defer", _ =>
        {
            Persist(new Added(100), added => _history.Add(added.Amount));
            Defer("deferred", d => Sender.Tell($"{d} after total={_history.Sum()}", Self));
        });
        Command<string>(s => s == "crash", _ => throw new InvalidOperationException("command crashed"));
        Command<string>(s => s == "snapshot", _ => SaveSnapshot(new CounterState(_history.Sum(), [.. _history])));
        Command<string>(s => s == "unregistered", _ => Persist(new UnregisteredEvent("x"), _ => probe.Tell("unregistered handler ran", Self)));
        Command<string>(s => s.StartsWith("delete-to ", StringComparison.Ordinal), s => DeleteMessagesTo(long.Parse(s[10..], System.Globalization.CultureInfo.InvariantCulture)));
        Command<SaveSnapshotSuccess>(success => probe.Tell($"snapshot saved {success.Metadata.SequenceNr}", Self));
        Command<DeleteMessagesSuccess>(success => probe.Tell($"deleted to {success.ToSequenceNr}", Self));
    }

    public override string PersistenceId => _persistenceId;

    protected override void PostStop() => _history.Clear();
}

public sealed record UnregisteredEvent(string Text);
