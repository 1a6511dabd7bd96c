using MachineActors.Actors;
using MachineActors.Actors.Persistence;

namespace MachineActors.Bench.Journal;

/// <summary>Persists its events one after another (each waits for the previous one to be stored).</summary>
internal sealed class WriterActor : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private int _written;

    public WriterActor(string persistenceId, int events, string data, CountdownEvent recovered, CountdownEvent done)
    {
        _persistenceId = persistenceId;
        Recover<RecoveryCompleted>(_ => recovered.Signal());
        Command<string>(_ => PersistNext(events, data, done));
    }

    public override string PersistenceId => _persistenceId;

    private void PersistNext(int events, string data, CountdownEvent done) =>
        Persist(new BenchEvent(_written, data), _ =>
        {
            if (++_written == events)
            {
                done.Signal();
            }
            else
            {
                PersistNext(events, data, done);
            }
        });
}

/// <summary>Counts what recovery replays and reports the count when recovery completes.</summary>
internal sealed class RecoveringActor : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private int _recovered;

    public RecoveringActor(string persistenceId, TaskCompletionSource<int> done)
    {
        _persistenceId = persistenceId;
        Recover<BenchEvent>(_ => _recovered++);
        Recover<RecoveryCompleted>(_ => done.TrySetResult(_recovered));
    }

    public override string PersistenceId => _persistenceId;
}
