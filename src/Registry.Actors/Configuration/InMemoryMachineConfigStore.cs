using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Keeps machine configs in memory, for tests and single-node demos; the journal-backed store replaces it.</summary>
public sealed class InMemoryMachineConfigStore : IMachineConfigStore
{
    private readonly Lock _lock = new();

    // One slot per config, in the order they were added, which is mostly their order in memory, so that listing them
    // all reads memory sequentially; a removed config leaves a hole until holes make up half of the list. A slot holds
    // its machine's last recorded state too, so recording a state never grows a table.
    private readonly List<Slot?> _slots = [];
    private readonly Dictionary<Guid, int> _positions = [];
    private int _holes;

    // The slots of the configs the last LoadConfigsAndStates returned, by their index there: the registry records each
    // machine's state with that index, so the records of a start-up need neither a look-up by id nor the lock. A
    // slot stays valid when configs move (Compact); an index whose slot holds another machine falls back to the look-up.
    private Slot[] _loaded = [];

    /// <summary>Creates a store holding <paramref name="configs"/>.</summary>
    public InMemoryMachineConfigStore(IEnumerable<MachineConfig>? configs = null)
    {
        foreach (var config in configs ?? [])
        {
            if (!TryAdd(config))
            {
                throw new ArgumentException($"Machine id {config.Id} is given twice.", nameof(configs));
            }
        }
    }

    /// <summary>Every stored config, ordered by name (ordinal).</summary>
    public Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default)
    {
        MachineConfig[] configs;
        lock (_lock)
        {
            configs = new MachineConfig[_positions.Count];
            var count = 0;
            foreach (var slot in _slots)
            {
                if (slot is not null)
                {
                    configs[count++] = slot.Config;
                }
            }
        }
        return Task.FromResult<IReadOnlyList<MachineConfig>>(NameOrder.Sorted(configs));
    }

    public Task Add(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return TryAdd(config)
            ? Task.CompletedTask
            : Task.FromException(new InvalidOperationException($"A machine with id {config.Id} is already stored."));
    }

    public Task Update(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_lock)
        {
            if (!_positions.TryGetValue(config.Id, out var position))
            {
                return Task.FromException(Unknown(config.Id));
            }
            _slots[position]!.Config = config;
        }
        return Task.CompletedTask;
    }

    public Task Remove(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_positions.Remove(id, out var position))
            {
                _slots[position]!.Removed = true;
                _slots[position] = null;
                if (++_holes > _slots.Count / 2)
                {
                    Compact();
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Every stored config, ordered by name (ordinal), and the states recorded for them.</summary>
    public Task<StoredMachines> LoadConfigsAndStates(CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<Guid, StoredMachineState>();
        MachineConfig[] sorted;
        lock (_lock)
        {
            var configs = new MachineConfig[_positions.Count];
            var slots = new Slot[configs.Length];
            var count = 0;
            foreach (var slot in _slots)
            {
                if (slot is not null)
                {
                    (configs[count], slots[count]) = (slot.Config, slot);
                    count++;
                    if (Volatile.Read(ref slot.State) is { } state)
                    {
                        states.Add(slot.Id, state);
                    }
                }
            }
            var sources = new int[count];
            sorted = NameOrder.Sorted(configs, sources);
            var loaded = new Slot[count];
            for (var k = 0; k < count; k++)
            {
                loaded[k] = slots[sources[k]];
            }
            Volatile.Write(ref _loaded, loaded);
        }
        return Task.FromResult(new StoredMachines(sorted, states));
    }

    public Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<Guid, StoredMachineState>();
        lock (_lock)
        {
            foreach (var slot in _slots)
            {
                if (slot is not null && Volatile.Read(ref slot.State) is { } state)
                {
                    states.Add(slot.Id, state);
                }
            }
        }
        return Task.FromResult<IReadOnlyDictionary<Guid, StoredMachineState>>(states);
    }

    public void RecordState(Guid id, StoredMachineState state) => RecordState(-1, id, state);

    public void RecordState(int loadIndex, Guid id, StoredMachineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Without the lock (a start-up records every machine's state, and a lock is two interlocked operations): a
        // slot's id never changes, and a state written into a slot removed meanwhile is never read, as if it had been
        // recorded just before the removal. A removed slot falls back to the look-up, which finds the config re-added.
        var loaded = Volatile.Read(ref _loaded);
        if ((uint)loadIndex < (uint)loaded.Length && loaded[loadIndex] is var slot && slot.Id == id && !slot.Removed)
        {
            Volatile.Write(ref slot.State, state);
            return;
        }
        lock (_lock)
        {
            if (_positions.TryGetValue(id, out var position))
            {
                Volatile.Write(ref _slots[position]!.State, state);
            }
        }
    }

    public Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _positions.TryGetValue(id, out var position)
                ? Task.FromResult(_slots[position]!.Config.Settings(type).GetValueOrDefault(key))
                : Task.FromException<object?>(Unknown(id));
        }
    }

    public Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_positions.TryGetValue(id, out var position))
            {
                return Task.FromException(Unknown(id));
            }
            var slot = _slots[position]!;
            slot.Config = slot.Config.WithSetting(type, key, value);
        }
        return Task.CompletedTask;
    }

    private bool TryAdd(MachineConfig config)
    {
        lock (_lock)
        {
            if (!_positions.TryAdd(config.Id, _slots.Count))
            {
                return false;
            }
            _slots.Add(new Slot(config));
            return true;
        }
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _slots.Count; i++)
        {
            if (_slots[i] is { } slot)
            {
                _slots[kept] = slot;
                _positions[slot.Id] = kept++;
            }
        }
        _slots.RemoveRange(kept, _slots.Count - kept);
        _holes = 0;
    }

    /// <summary>One stored machine: its config (changed under the lock) and its last recorded state (see RecordState).</summary>
    private sealed class Slot(MachineConfig config)
    {
        public readonly Guid Id = config.Id;
        public MachineConfig Config = config;
        public StoredMachineState? State;
        public volatile bool Removed;
    }

    private static KeyNotFoundException Unknown(Guid id) => new($"No machine with id {id} is stored.");
}
