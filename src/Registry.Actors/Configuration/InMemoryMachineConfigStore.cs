using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Keeps machine configs in memory, for tests and single-node demos; the journal-backed store replaces it.</summary>
public sealed class InMemoryMachineConfigStore : IMachineConfigStore
{
    private readonly Lock _lock = new();

    // The configs in the order they were added, which is mostly their order in memory, so that listing them all reads
    // memory sequentially; a removed config leaves a hole until holes make up half of the list. Each machine's last
    // recorded state sits at its config's position, so recording a state is one lookup and never grows a table.
    private readonly List<MachineConfig?> _configs = [];
    private readonly List<StoredMachineState?> _states = [];
    private readonly Dictionary<Guid, int> _positions = [];
    private int _holes;

    // Where each config that the last LoadConfigsAndStates returned sits in _configs, by its index there: the registry
    // records each machine's state with that index, so the records of a start-up need no look-up by id. Emptied when
    // configs move (Compact); an index whose config is gone or different falls back to the look-up.
    private int[] _loadedPositions = [];

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
            foreach (var config in _configs)
            {
                if (config is not null)
                {
                    configs[count++] = config;
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
            _configs[position] = config;
        }
        return Task.CompletedTask;
    }

    public Task Remove(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_positions.Remove(id, out var position))
            {
                _configs[position] = null;
                _states[position] = null;
                if (++_holes > _configs.Count / 2)
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
            var positions = new int[configs.Length];
            var count = 0;
            for (var i = 0; i < _configs.Count; i++)
            {
                if (_configs[i] is { } config)
                {
                    (configs[count], positions[count]) = (config, i);
                    count++;
                    if (_states[i] is { } state)
                    {
                        states.Add(config.Id, state);
                    }
                }
            }
            var sources = new int[count];
            sorted = NameOrder.Sorted(configs, sources);
            for (var k = 0; k < count; k++)
            {
                sources[k] = positions[sources[k]];
            }
            _loadedPositions = sources;
        }
        return Task.FromResult(new StoredMachines(sorted, states));
    }

    public Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<Guid, StoredMachineState>();
        lock (_lock)
        {
            for (var i = 0; i < _configs.Count; i++)
            {
                if (_configs[i] is { } config && _states[i] is { } state)
                {
                    states.Add(config.Id, state);
                }
            }
        }
        return Task.FromResult<IReadOnlyDictionary<Guid, StoredMachineState>>(states);
    }

    public void RecordState(Guid id, StoredMachineState state) => RecordState(-1, id, state);

    public void RecordState(int loadIndex, Guid id, StoredMachineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            var loaded = _loadedPositions;
            if ((uint)loadIndex < (uint)loaded.Length && loaded[loadIndex] is var position && _configs[position]?.Id == id
                || _positions.TryGetValue(id, out position))
            {
                _states[position] = state;
            }
        }
    }

    public Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _positions.TryGetValue(id, out var position)
                ? Task.FromResult(_configs[position]!.Settings(type).GetValueOrDefault(key))
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
            _configs[position] = _configs[position]!.WithSetting(type, key, value);
        }
        return Task.CompletedTask;
    }

    private bool TryAdd(MachineConfig config)
    {
        lock (_lock)
        {
            if (!_positions.TryAdd(config.Id, _configs.Count))
            {
                return false;
            }
            _configs.Add(config);
            _states.Add(null);
            return true;
        }
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _configs.Count; i++)
        {
            if (_configs[i] is { } config)
            {
                _configs[kept] = config;
                _states[kept] = _states[i];
                _positions[config.Id] = kept++;
            }
        }
        _configs.RemoveRange(kept, _configs.Count - kept);
        _states.RemoveRange(kept, _states.Count - kept);
        _holes = 0;
        _loadedPositions = [];
    }

    private static KeyNotFoundException Unknown(Guid id) => new($"No machine with id {id} is stored.");
}
