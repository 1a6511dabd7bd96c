using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>A TestKit whose system has persistence started on in-memory stores behind a <see cref="ControlledJournal"/>.</summary>
public abstract class PersistenceTestKit : TestKit.TestKit
{
    protected PersistenceTestKit(bool manualTime = false)
        : base(manualTime: manualTime)
    {
        Serializer = new EventSerializer(new EventTypeRegistry()
            .Register<Added>("added.v1")
            .Register<CounterState>("counter-state.v1"), 1024 * 1024);
        Journal = new ControlledJournal(new InMemoryJournal(Serializer));
        Snapshots = new InMemorySnapshotStore(Serializer);
        // In-memory stores initialise synchronously.
        Persistence.StartAsync(Sys, Journal, Snapshots).GetAwaiter().GetResult();
    }

    protected EventSerializer Serializer { get; }

    protected ControlledJournal Journal { get; }

    protected InMemorySnapshotStore Snapshots { get; }

    protected static string NewId() => $"counter-{Guid.NewGuid():N}";

    protected IActorRef StartCounter(string id, IActorRef probe, bool failOnRecovery = false) =>
        Sys.ActorOf(Props.Create(() => new CounterActor(id, probe, failOnRecovery)));

    /// <summary>Stops the actor and waits until it is gone, so a new incarnation can recover.</summary>
    protected void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);
    }
}
