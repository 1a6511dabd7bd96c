using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>
/// At most <see cref="PersistenceOptions.MaxConcurrentRecoveries"/> persistent actors recover at once; the others
/// wait their turn. Found by the load test: a station taking over 49 machines started 98 recoveries at once, each on
/// its own PostgreSQL connection, and PostgreSQL refused the connections over its limit ("too many clients"), so the
/// machines' recoveries failed and they did not run.
/// </summary>
public sealed class RecoveryPermitTests : TestKit.TestKit
{
    private const int Permits = 3;
    private readonly ReplayCountingJournal _journal;

    public RecoveryPermitTests()
    {
        var serializer = new EventSerializer(new EventTypeRegistry().Register<Added>("added.v1").Register<CounterState>("counter-state.v1"), 1024 * 1024);
        _journal = new ReplayCountingJournal(new InMemoryJournal(serializer));
        Persistence.StartAsync(Sys, _journal, new InMemorySnapshotStore(serializer), new PersistenceOptions { MaxConcurrentRecoveries = Permits })
            .GetAwaiter().GetResult();
    }

    [Fact]
    public void A_burst_of_actors_recovers_a_few_at_a_time_and_every_one_recovers()
    {
        _journal.Hold();
        var counters = Enumerable.Range(0, 20).Select(_ => Sys.ActorOf(Props.Create(() => new CounterActor(NewId(), TestActor, false)))).ToList();

        AwaitCondition(() => _journal.Running == Permits);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Permits, _journal.Running);
        _journal.Release();

        for (var i = 0; i < counters.Count; i++)
        {
            ExpectMsg("recovered total=0 seq=0");
        }
        Assert.Equal(Permits, _journal.MostRunning);
    }

    [Fact]
    public void The_default_bounds_recoveries_too()
    {
        Assert.InRange(new PersistenceOptions().MaxConcurrentRecoveries, 1, 32);
    }

    [Fact]
    public void An_actor_stopped_while_recovering_or_waiting_gives_its_permit_back()
    {
        _journal.Hold();
        var counters = Enumerable.Range(0, Permits + 2).Select(_ => NewId())
            .ToDictionary(id => id, id => Sys.ActorOf(Props.Create(() => new CounterActor(id, TestActor, false))));
        AwaitCondition(() => _journal.Running == Permits);
        var recovering = _journal.Replayed.ToHashSet();

        // A waiting actor and then a recovering one stop: the other waiting one gets the freed permit.
        var waiter = counters.First(c => !recovering.Contains(c.Key)).Value;
        Watch(waiter);
        Sys.Stop(waiter);
        ExpectTerminated(waiter);
        var holder = counters.First(c => recovering.Contains(c.Key)).Value;
        Watch(holder);
        Sys.Stop(holder);
        ExpectTerminated(holder);
        AwaitCondition(() => _journal.Started == Permits + 1);
        _journal.Release();

        for (var i = 0; i < Permits; i++)
        {
            ExpectMsg("recovered total=0 seq=0");
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Permits + 1, _journal.Started);
    }

    [Fact]
    public void A_failed_recovery_gives_its_permit_back()
    {
        var id = NewId();
        var first = Sys.ActorOf(Props.Create(() => new CounterActor(id, TestActor, false)));
        ExpectMsg("recovered total=0 seq=0");
        first.Tell(new Add(1), TestActor);
        ExpectMsg("added 1 seq=1");
        Sys.Stop(first);

        // Each of these fails while replaying; afterwards an actor still gets a permit.
        for (var i = 0; i < Permits + 1; i++)
        {
            var broken = Sys.ActorOf(Props.Create(() => new CounterActor(id, TestActor, true)));
            Watch(broken);
            ExpectTerminated(broken);
        }
        Sys.ActorOf(Props.Create(() => new CounterActor(NewId(), TestActor, false)));
        ExpectMsg("recovered total=0 seq=0");
    }

    private static string NewId() => $"counter-{Guid.NewGuid():N}";
}
