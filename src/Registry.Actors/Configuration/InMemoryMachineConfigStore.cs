using System.Collections.Concurrent;
using System.Numerics;
using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Keeps machine configs in memory, for tests and single-node demos; the journal-backed store replaces it.</summary>
public sealed class InMemoryMachineConfigStore : IMachineConfigStore
{
    private static readonly Comparison<MachineConfig> s_byName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    private readonly ConcurrentDictionary<Guid, MachineConfig> _configs = new();

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

    /// <summary>Every stored config, ordered by name (ordinal).</summary>
    public Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default)
    {
        var snapshot = _configs.Values;
        var configs = new MachineConfig[snapshot.Count];
        snapshot.CopyTo(configs, 0);
        SortByName(configs);
        return Task.FromResult<IReadOnlyList<MachineConfig>>(configs);
    }

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
        return Task.CompletedTask;
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

    /// <summary>
    /// Sorts by name in ordinal order without comparing whole names most of the time: each name gets a 64-bit key
    /// made of the characters after the prefix every name shares, as many as fit at the width of the widest
    /// character in any name, packed most significant first (0 past the end). A smaller key then means a smaller
    /// name; only names with equal keys are compared in full.
    /// </summary>
    private static void SortByName(MachineConfig[] configs)
    {
        if (configs.Length < 2)
        {
            return;
        }
        var first = configs[0].Name;
        var shared = first.Length;
        var anyBits = 0;
        foreach (var config in configs)
        {
            var name = config.Name;
            shared = first.AsSpan(0, shared).CommonPrefixLength(name);
            foreach (var character in name)
            {
                anyBits |= character;
            }
        }
        var width = Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)anyBits));
        var end = shared + (64 / width);
        var keys = new ulong[configs.Length];
        for (var i = 0; i < configs.Length; i++)
        {
            var name = configs[i].Name;
            var key = 0UL;
            for (var at = shared; at < end; at++)
            {
                key = (key << width) | (at < name.Length ? name[at] : 0UL);
            }
            keys[i] = key;
        }
        Array.Sort(keys, configs);
        for (int start = 0, next; start < configs.Length; start = next)
        {
            next = start + 1;
            while (next < configs.Length && keys[next] == keys[start])
            {
                next++;
            }
            if (next - start > 1)
            {
                configs.AsSpan(start, next - start).Sort(s_byName);
            }
        }
    }
}
