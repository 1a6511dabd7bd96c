using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Pattern;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests;

public sealed class PersistentActorTests : PersistenceTestKit
{
    [Fact]
    public void Persisted_events_are_recovered_by_the_next_incarnation()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(2), TestActor);
        ExpectMsg("added 2 seq=1");
        counter.Tell(new Add(3), TestActor);
        ExpectMsg("added 3 seq=2");
        StopAndWait(counter);

        var again = StartCounter(id, TestActor);
        ExpectMsg("replayed 2");
        ExpectMsg("replayed 3");
        ExpectMsg("recovered total=5 seq=2");
        again.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=3");
    }

    [Fact]
    public void Commands_sent_during_recovery_wait_for_it()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(7), TestActor);
        ExpectMsg("added 7 seq=1");
        StopAndWait(counter);
        var again = StartCounter(id, TestActor);
        again.Tell("get", TestActor);
        ExpectMsg("replayed 7");
        ExpectMsg("recovered total=7 seq=1");
        Assert.Equal(7, ExpectMsg<CounterState>().Total);
    }

    [Fact]
    public void Commands_are_stashed_while_a_persist_handler_is_pending()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        Journal.Hold();
        counter.Tell(new Add(5), TestActor);
        counter.Tell("get", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Journal.Release();
        ExpectMsg("added 5 seq=1");
        Assert.Equal(5, ExpectMsg<CounterState>().Total);
    }

    [Fact]
    public void PersistAsync_does_not_hold_back_later_commands()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        Journal.Hold();
        counter.Tell(new AddQuickly(4), TestActor);
        counter.Tell("get", TestActor);
        Assert.Equal(0, ExpectMsg<CounterState>().Total);
        Journal.Release();
        ExpectMsg("async handler 4");
    }

    [Fact]
    public void PersistAll_is_one_atomic_write_and_handlers_run_in_order()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new AddMany(1, 2, 3), TestActor);
        Assert.Equal(["added 1", "added 2", "added 3"], ReceiveN(3).Cast<string>());
        var batch = Assert.Single(Journal.Batches);
        var write = Assert.Single(batch);
        Assert.Equal([1L, 2, 3], write.Events.Select(e => e.SequenceNr));
    }

    [Fact]
    public void Defer_runs_after_the_handlers_of_earlier_persists()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        Journal.Hold();
        counter.Tell("defer", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Journal.Release();
        ExpectMsg("deferred after total=100");
    }

    [Fact]
    public void The_persist_handler_sees_the_sender_of_its_command()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        var other = CreateTestProbe();
        other.Send(counter, new Add(9));
        other.ExpectMsg("added 9 seq=1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Writes_that_arrive_during_a_store_call_go_together_in_the_next_one()
    {
        var journal = Persistence.Get(Sys).Journal;
        Journal.Hold();
        journal.Tell(new WriteMessages([OneEvent("first")], TestActor, 1), TestActor);
        AwaitCondition(() => Journal.Batches.Count == 1);
        for (var i = 0; i < 9; i++)
        {
            journal.Tell(new WriteMessages([OneEvent($"queued-{i}")], TestActor, 1), TestActor);
        }
        // Same sender, same mailbox: once Identify is answered, the nine writes are queued in the journal actor.
        journal.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();
        Journal.Release();
        var results = ReceiveN(10).Cast<WriteResult>().ToList();
        Assert.All(results, r => Assert.Null(r.Failure ?? r.Rejection));
        Assert.Equal(2, Journal.Batches.Count);
        Assert.Equal(9, Journal.Batches.Last().Count);
    }

    private static AtomicWrite OneEvent(string persistenceId) =>
        new([new PersistentEvent(persistenceId, 1, new Added(1), DateTimeOffset.UnixEpoch)]);

    [Fact]
    public void A_rejected_event_is_skipped_and_the_actor_goes_on()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        EventFilter.Warning(contains: nameof(UnregisteredEvent)).ExpectOne(() => counter.Tell("unregistered", TestActor));
        counter.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=2");
    }

    [Fact]
    public void A_failed_write_stops_the_actor_and_a_backoff_supervisor_brings_it_back_with_what_was_stored()
    {
        var id = NewId();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(new BackoffOptions(
            Props.Create(() => new CounterActor(id, TestActor, false)), "counter", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0)
        {
            Mode = BackoffMode.OnStop,
        }));
        ExpectMsg("recovered total=0 seq=0");
        supervisor.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=1");
        Journal.FailWritesWith = new IOException("disk gone");
        EventFilter.Exception<IOException>().ExpectOne(() => supervisor.Tell(new Add(2), TestActor));
        Journal.FailWritesWith = null;
        ExpectMsg("replayed 1");
        ExpectMsg("recovered total=1 seq=1");
        supervisor.Tell(new Add(3), TestActor);
        ExpectMsg("added 3 seq=2");
    }

    [Fact]
    public void An_exception_in_the_recovery_handler_stops_the_actor_with_a_logged_cause()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=1");
        StopAndWait(counter);
        IActorRef? broken = null;
        EventFilter.Exception<InvalidOperationException>(contains: "recovery handler broke").ExpectOne(() =>
        {
            broken = StartCounter(id, TestActor, failOnRecovery: true);
            Watch(broken);
        });
        ExpectTerminated(broken!);
    }

    [Fact]
    public void An_unknown_manifest_in_the_journal_stops_recovery_with_a_clear_error()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=1");
        StopAndWait(counter);

        using var other = new UnknownManifestKit(Journal.Inner.Reopen(new EventSerializer(new EventTypeRegistry(), 1024)));
        other.ExpectRecoveryToFail(id);
    }

    [Fact]
    public void Recovery_starts_from_the_newest_snapshot()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new AddMany(1, 2), TestActor);
        ReceiveN(2);
        counter.Tell("snapshot", TestActor);
        ExpectMsg("snapshot saved 2");
        counter.Tell(new Add(10), TestActor);
        ExpectMsg("added 10 seq=3");
        StopAndWait(counter);
        StartCounter(id, TestActor);
        ExpectMsg("offer 2");
        ExpectMsg("replayed 10");
        ExpectMsg("recovered total=13 seq=3");
    }

    [Fact]
    public void A_snapshot_taken_while_async_writes_are_in_flight_does_not_skip_them_on_recovery()
    {
        // Regression: LastSequenceNr used to count events handed to the journal but not yet stored, so this
        // snapshot claimed sequence number 2 with a state that had neither event, and recovery skipped both.
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        Journal.Hold();
        counter.Tell(new AddQuickly(1), TestActor);
        counter.Tell(new AddQuickly(2), TestActor);
        counter.Tell("snapshot", TestActor);
        ExpectMsg("snapshot saved 0");
        Journal.Release();
        ExpectMsg("async handler 1");
        ExpectMsg("async handler 2");
        StopAndWait(counter);
        StartCounter(id, TestActor);
        ExpectMsg("offer 0");
        ExpectMsg("replayed 1");
        ExpectMsg("replayed 2");
        ExpectMsg("recovered total=3 seq=2");
    }

    [Fact]
    public void The_recovery_completed_handler_may_persist_and_commands_wait_for_it()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(-1), TestActor);
        ExpectMsg("added -1 seq=1");
        StopAndWait(counter);
        Journal.Hold();
        var again = StartCounter(id, TestActor);
        again.Tell("get", TestActor);
        ExpectMsg("replayed -1");
        ExpectMsg("recovered total=-1 seq=1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Journal.Release();
        ExpectMsg("corrected seq=2");
        Assert.Equal(0, ExpectMsg<CounterState>().Total);
    }

    [Fact]
    public void Deleted_events_are_not_replayed_and_numbering_goes_on()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new AddMany(1, 2, 3), TestActor);
        ReceiveN(3);
        counter.Tell("delete-to 3", TestActor);
        ExpectMsg("deleted to 3");
        StopAndWait(counter);
        var again = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=3");
        again.Tell(new Add(5), TestActor);
        ExpectMsg("added 5 seq=4");
    }

    [Fact]
    public void A_restarted_incarnation_recovers_again()
    {
        var id = NewId();
        var counter = StartCounter(id, TestActor);
        ExpectMsg("recovered total=0 seq=0");
        counter.Tell(new Add(2), TestActor);
        ExpectMsg("added 2 seq=1");
        EventFilter.Exception<InvalidOperationException>("command crashed").ExpectOne(() => counter.Tell("crash", TestActor));
        ExpectMsg("replayed 2");
        ExpectMsg("recovered total=2 seq=1");
        counter.Tell(new Add(3), TestActor);
        ExpectMsg("added 3 seq=2");
        counter.Tell("get", TestActor);
        Assert.Equal(5, ExpectMsg<CounterState>().Total);
    }

    /// <summary>A second system whose journal has the events but a serializer that knows none of them.</summary>
    private sealed class UnknownManifestKit : TestKit.TestKit
    {
        public UnknownManifestKit(InMemoryJournal journal) =>
            Persistence.StartAsync(Sys, journal, new InMemorySnapshotStore(new EventSerializer(new EventTypeRegistry(), 1024))).GetAwaiter().GetResult();

        public void ExpectRecoveryToFail(string id)
        {
            var probe = CreateTestProbe();
            EventFilter.Exception<PersistenceSerializationException>(contains: "Unknown manifest 'added.v1'").ExpectOne(() =>
            {
                var counter = Sys.ActorOf(Props.Create(() => new CounterActor(id, probe.Ref, false)));
                probe.Watch(counter);
                probe.ExpectTerminated(counter);
            });
        }
    }
}
