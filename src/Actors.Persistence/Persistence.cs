namespace MachineActors.Actors.Persistence;

/// <summary>
/// The persistence extension of one actor system: its journal and snapshot store behind their
/// actors. Start it once (stores are initialised, schemas created) before any persistent actor.
/// </summary>
public sealed class Persistence
{
    private Persistence(IActorRef journal, IActorRef snapshotStore, IActorRef recoveryPermitter, PersistenceOptions options)
    {
        Journal = journal;
        SnapshotStore = snapshotStore;
        RecoveryPermitter = recoveryPermitter;
        Options = options;
    }

    public IActorRef Journal { get; }

    public IActorRef SnapshotStore { get; }

    public PersistenceOptions Options { get; }

    /// <summary>Hands out the permits to recover (<see cref="PersistenceOptions.MaxConcurrentRecoveries"/>).</summary>
    internal IActorRef RecoveryPermitter { get; }

    public static async Task<Persistence> StartAsync(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore,
        PersistenceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        options ??= new PersistenceOptions();
        options.Validate();
        if (system.GetExtension<Persistence>() is not null)
        {
            throw new InvalidOperationException($"Persistence is already started for {system}.");
        }
        await journal.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await snapshotStore.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var journalActor = system.SystemActorOf(Props.Create(() => new JournalActor(journal, options.MaxWritesPerBatch)), "journal");
        var snapshotActor = system.SystemActorOf(Props.Create(() => new SnapshotStoreActor(snapshotStore)), "snapshot-store");
        var permitter = system.SystemActorOf(Props.Create(() => new RecoveryPermitter(options.MaxConcurrentRecoveries)), "recovery-permitter");
        var persistence = system.RegisterExtension(new Persistence(journalActor, snapshotActor, permitter, options));
        // Stores outlive every actor: persistent actors may still write while they stop.
        _ = system.WhenTerminated.ContinueWith(async _ =>
        {
            await journal.DisposeAsync().ConfigureAwait(false);
            await snapshotStore.DisposeAsync().ConfigureAwait(false);
        }, TaskScheduler.Default);
        return persistence;
    }

    public static Persistence Get(ActorSystem system) =>
        system.GetExtension<Persistence>()
        ?? throw new InvalidOperationException($"Persistence is not started for {system}; call Persistence.StartAsync first.");
}
