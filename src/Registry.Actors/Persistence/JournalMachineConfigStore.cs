using MachineActors.Actors;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Machines;
using MachineActors.Registry.Cluster;

namespace MachineActors.Registry.Persistence;

/// <summary>
/// The machine store on the actor system's journal: one stream per machine (config, settings, last state), listed
/// either by a <c>machine-index</c> stream (a single node) or by the cluster's <see cref="MachineCatalog"/> (a
/// cluster, where every node shares the journal and only a machine's lease holder writes its stream). A change is
/// acknowledged (its task completes) only after it is persisted. Ordering across the two: a machine is written
/// before it is listed and unlisted before it is deleted, so a crash between the two never leaves a listed machine
/// without its config.
/// </summary>
public sealed class JournalMachineConfigStore : IPlacedMachineConfigStore
{
    private readonly IActorRef _store;
    private readonly TimeSpan _timeout;
    private readonly MachineCatalog? _catalog;

    /// <summary>A single node's store, listed by <c>machine-index</c>; persistence must be started on <paramref name="system"/>.</summary>
    public JournalMachineConfigStore(ActorSystem system, TimeSpan? timeout = null)
        : this(system, timeout, catalog: null)
    {
    }

    /// <summary>
    /// A cluster node's store, listed by <paramref name="catalog"/> (its table must exist); no <c>machine-index</c>
    /// stream is read or written. Persistence must be started on <paramref name="system"/>, on the cluster's journal.
    /// </summary>
    public JournalMachineConfigStore(ActorSystem system, MachineCatalog catalog, TimeSpan? timeout = null)
        : this(system, timeout, catalog ?? throw new ArgumentNullException(nameof(catalog)))
    {
    }

    private JournalMachineConfigStore(ActorSystem system, TimeSpan? timeout, MachineCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(system);
        _catalog = catalog;
        var withIndex = catalog is null;
        _store = system.SystemActorOf(Props.Create(() => new MachineStoreActor(withIndex)), "machine-store");
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public async Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default) =>
        ConfigsOf(await LoadStored(cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default) =>
        StatesOf(await LoadStored(cancellationToken).ConfigureAwait(false));

    public async Task<StoredMachines> LoadConfigsAndStates(CancellationToken cancellationToken = default)
    {
        var stored = await LoadStored(cancellationToken).ConfigureAwait(false);
        return new StoredMachines(ConfigsOf(stored), StatesOf(stored));
    }

    public async Task Add(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        await Ask(new CreateStoredMachine(config), cancellationToken).ConfigureAwait(false);
        if (_catalog is { } catalog)
        {
            await catalog.SetPlacementAsync(MachineKeys.Of(config.Id), config.Placement, cancellationToken).ConfigureAwait(false);
            return;
        }
        await Ask(new IndexMachine(config.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task Update(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        await Ask(new ReplaceStoredMachine(config), cancellationToken).ConfigureAwait(false);
        if (_catalog is { } catalog)
        {
            await catalog.SetPlacementAsync(MachineKeys.Of(config.Id), config.Placement, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task Remove(Guid id, CancellationToken cancellationToken = default)
    {
        if (_catalog is { } catalog)
        {
            await catalog.RemoveAsync(MachineKeys.Of(id), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Ask(new UnindexMachine(id), cancellationToken).ConfigureAwait(false);
        }
        await Ask(new DeleteStoredMachine(id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default)
    {
        var stored = await Read(id, cancellationToken).ConfigureAwait(false);
        return (stored.Config ?? throw new KeyNotFoundException($"No machine with id {id} is stored.")).Settings(type).GetValueOrDefault(key);
    }

    public Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default) =>
        Ask(new StoreMachineSetting(id, type, key, value), cancellationToken);

    public void RecordState(Guid id, StoredMachineState state) => _store.Tell(new StoreMachineState(id, state), null);

    public async Task<LoadedMachine?> LoadFresh(Guid id, CancellationToken cancellationToken = default)
    {
        await Forget(id, cancellationToken).ConfigureAwait(false);
        var stored = await Read(id, cancellationToken).ConfigureAwait(false);
        return stored.Config is { } config ? new LoadedMachine(config, stored.State) : null;
    }

    public Task Forget(Guid id, CancellationToken cancellationToken = default) => Ask(new ForgetStoredMachine(id), cancellationToken);

    private Task Ask(object command, CancellationToken cancellationToken) => _store.Ask<StoreDone>(command, _timeout, cancellationToken);

    private Task<StoredMachine> Read(Guid id, CancellationToken cancellationToken) =>
        _store.Ask<StoredMachine>(new GetStoredMachine(id), _timeout, cancellationToken);

    private static List<MachineConfig> ConfigsOf(List<StoredMachine> stored) =>
        [.. stored.Select(s => s.Config!).OrderBy(c => c.Name, StringComparer.Ordinal)];

    private static Dictionary<Guid, StoredMachineState> StatesOf(List<StoredMachine> stored) =>
        stored.Where(s => s.State is not null).ToDictionary(s => s.Config!.Id, s => s.State!);

    private async Task<List<StoredMachine>> LoadStored(CancellationToken cancellationToken)
    {
        if (_catalog is { } catalog)
        {
            return await LoadListed(catalog, cancellationToken).ConfigureAwait(false);
        }
        var ids = await _store.Ask<List<Guid>>(GetIndexedMachines.Instance, _timeout, cancellationToken).ConfigureAwait(false);
        var stored = await Task.WhenAll(ids.Select(id => Read(id, cancellationToken))).ConfigureAwait(false);
        return [.. stored.Where(s => s.Config is not null)];
    }

    /// <summary>Every machine the catalog lists, read fresh and not kept: most of them run on other nodes.</summary>
    private async Task<List<StoredMachine>> LoadListed(MachineCatalog catalog, CancellationToken cancellationToken)
    {
        var entries = await catalog.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<Guid>(entries.Count);
        foreach (var entry in entries)
        {
            if (MachineKeys.TryParse(entry.MachineId, out var id))
            {
                ids.Add(id);
            }
        }
        var loaded = await Task.WhenAll(ids.Select(async id =>
        {
            var machine = await LoadFresh(id, cancellationToken).ConfigureAwait(false);
            await Forget(id, cancellationToken).ConfigureAwait(false);
            return machine;
        })).ConfigureAwait(false);
        return [.. loaded.OfType<LoadedMachine>().Select(machine => new StoredMachine(machine.Config, machine.State))];
    }
}
