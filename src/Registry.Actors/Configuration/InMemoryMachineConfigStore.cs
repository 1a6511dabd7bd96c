using System.Collections.Concurrent;
using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Keeps machine configs in memory, for tests and single-node demos; the journal-backed store replaces it.</summary>
public sealed class InMemoryMachineConfigStore : IMachineConfigStore
{
    private readonly ConcurrentDictionary<Guid, MachineConfig> _configs = new();
    private readonly ConcurrentDictionary<Guid, StoredMachineState> _states = new();

    /// <summary>Creates a store holding <paramref name="configs"/>.</summary>
    public InMemoryMachineConfigStore(IEnumerable<MachineConfig>? configs = null)
    {
        foreach (var config in configs ?? [])
        {
            if (!_configs.TryAdd(config.Id, config))
            {
                throw new ArgumentException($"Machine id {config.Id} is given twice.", nameof(configs));
            }
        }
    }

    public Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MachineConfig>>([.. _configs.Values.OrderBy(config => config.Name, StringComparer.Ordinal)]);

    public Task Add(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _configs.TryAdd(config.Id, config)
            ? Task.CompletedTask
            : Task.FromException(new InvalidOperationException($"A machine with id {config.Id} is already stored."));
    }

    public Task Update(MachineConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        while (true)
        {
            if (!_configs.TryGetValue(config.Id, out var current))
            {
                return Task.FromException(Unknown(config.Id));
            }
            if (_configs.TryUpdate(config.Id, config, current))
            {
                return Task.CompletedTask;
            }
        }
    }

    public Task Remove(Guid id, CancellationToken cancellationToken = default)
    {
        _configs.TryRemove(id, out _);
        _states.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Guid, StoredMachineState>>(new Dictionary<Guid, StoredMachineState>(_states));

    public void RecordState(Guid id, StoredMachineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_configs.ContainsKey(id))
        {
            _states[id] = state;
        }
    }

    public Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default) =>
        _configs.TryGetValue(id, out var config)
            ? Task.FromResult(config.Settings(type).GetValueOrDefault(key))
            : Task.FromException<object?>(Unknown(id));

    public Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!_configs.TryGetValue(id, out var config))
            {
                return Task.FromException(Unknown(id));
            }
            if (_configs.TryUpdate(id, config.WithSetting(type, key, value), config))
            {
                return Task.CompletedTask;
            }
        }
    }

    private static KeyNotFoundException Unknown(Guid id) => new($"No machine with id {id} is stored.");
}
