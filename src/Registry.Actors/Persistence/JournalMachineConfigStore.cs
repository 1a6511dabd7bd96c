using MachineActors.Actors;
using MachineActors.Machines;

namespace MachineActors.Registry.Persistence;

/// <summary>
/// The machine store on the actor system's journal: an index stream plus one stream per machine. A change is
/// acknowledged (its task completes) only after it is persisted. Ordering across streams: a machine is written
/// before it is indexed and unindexed before it is deleted, so a crash between the two never leaves an indexed
/// machine without its config.
/// </summary>
public sealed class JournalMachineConfigStore : IMachineConfigStore
{
    private readonly IActorRef _store;
    private readonly TimeSpan _timeout;

    /// <summary>Starts the store's actors under /system; persistence must be started on <paramref name="system"/>.</summary>
    public JournalMachineConfigStore(ActorSystem system, TimeSpan? timeout = null)
    {
        _store = system.SystemActorOf(Props.Create(() => new MachineStoreActor()), "machine-store");
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
        await Ask(new IndexMachine(config.Id), cancellationToken).ConfigureAwait(false);
    }

    public Task Update(MachineConfig config, CancellationToken cancellationToken = default) =>
        Ask(new ReplaceStoredMachine(config ?? throw new ArgumentNullException(nameof(config))), cancellationToken);

    public async Task Remove(Guid id, CancellationToken cancellationToken = default)
    {
        await Ask(new UnindexMachine(id), cancellationToken).ConfigureAwait(false);
        await Ask(new DeleteStoredMachine(id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default)
    {
        var stored = await _store.Ask<StoredMachine>(new GetStoredMachine(id), _timeout, cancellationToken).ConfigureAwait(false);
        return (stored.Config ?? throw new KeyNotFoundException($"No machine with id {id} is stored.")).Settings(type).GetValueOrDefault(key);
    }

    public Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default) =>
        Ask(new StoreMachineSetting(id, type, key, value), cancellationToken);

    public void RecordState(Guid id, StoredMachineState state) => _store.Tell(new StoreMachineState(id, state), null);

    private Task Ask(object command, CancellationToken cancellationToken) => _store.Ask<StoreDone>(command, _timeout, cancellationToken);

    private static List<MachineConfig> ConfigsOf(List<StoredMachine> stored) =>
        [.. stored.Select(s => s.Config!).OrderBy(c => c.Name, StringComparer.Ordinal)];

    private static Dictionary<Guid, StoredMachineState> StatesOf(List<StoredMachine> stored) =>
        stored.Where(s => s.State is not null).ToDictionary(s => s.Config!.Id, s => s.State!);

    private async Task<List<StoredMachine>> LoadStored(CancellationToken cancellationToken)
    {
        var ids = await _store.Ask<List<Guid>>(GetIndexedMachines.Instance, _timeout, cancellationToken).ConfigureAwait(false);
        var stored = await Task.WhenAll(ids.Select(id => _store.Ask<StoredMachine>(new GetStoredMachine(id), _timeout, cancellationToken))).ConfigureAwait(false);
        return [.. stored.Where(s => s.Config is not null)];
    }
}
