using System.Buffers;
using System.Numerics;

namespace MachineActors.Registry;

/// <summary>
/// Sorts machine configs by name in ordinal order in linear time, for stores that list many. Each name gets a 64-bit
/// key made of the characters after the prefix every name shares, as many as fit at the width of the widest character
/// in any name, packed most significant first (0 past the end): a smaller key then means a smaller name. The keys are
/// radix sorted a byte at a time (skipping bytes all keys share); only names with equal keys are compared in full.
/// </summary>
internal static class NameOrder
{
    private static readonly Comparison<MachineConfig> s_byName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    public static MachineConfig[] Sorted(MachineConfig[] configs) => Sorted(configs, null);

    /// <param name="configs">The configs to sort (not changed).</param>
    /// <param name="sources">When given, as long as <paramref name="configs"/>: receives where each sorted config came from in it.</param>
    public static MachineConfig[] Sorted(MachineConfig[] configs, int[]? sources)
    {
        if (configs.Length < 2)
        {
            if (sources is { Length: > 0 })
            {
                sources[0] = 0;
            }
            return configs;
        }
        var count = configs.Length;
        // Scratch: keys and positions, each twice (sorted from one copy into the other), pooled.
        var keyBuffers = ArrayPool<ulong>.Shared.Rent(2 * count);
        var positionBuffers = ArrayPool<int>.Shared.Rent(2 * count);
        try
        {
            var keys = keyBuffers.AsSpan(0, count);
            Keys(configs, keys);
            var positions = RadixSort(keys, keyBuffers.AsSpan(count, count), positionBuffers.AsSpan(0, count), positionBuffers.AsSpan(count, count));
            var sorted = new MachineConfig[count];
            for (var i = 0; i < count; i++)
            {
                sorted[i] = configs[positions[i]];
            }
            if (sources is not null)
            {
                positions.CopyTo(sources);
            }
            for (int start = 0, next; start < count; start = next)
            {
                next = start + 1;
                while (next < count && keys[next] == keys[start])
                {
                    next++;
                }
                if (next - start > 1 && sources is null)
                {
                    sorted.AsSpan(start, next - start).Sort(s_byName);
                }
                else if (next - start > 1)
                {
                    sorted.AsSpan(start, next - start).Sort(sources.AsSpan(start, next - start), s_byName);
                }
            }
            return sorted;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keyBuffers);
            ArrayPool<int>.Shared.Return(positionBuffers);
        }
    }

    private static void Keys(MachineConfig[] configs, Span<ulong> keys)
    {
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
    }

    /// <summary>
    /// Sorts <paramref name="keys"/> in place (stably, using <paramref name="spareKeys"/> in between) and returns where
    /// each sorted key came from, in <paramref name="positions"/> or <paramref name="sparePositions"/>.
    /// </summary>
    private static Span<int> RadixSort(Span<ulong> keys, Span<ulong> spareKeys, Span<int> positions, Span<int> sparePositions)
    {
        var count = keys.Length;
        for (var i = 0; i < count; i++)
        {
            positions[i] = i;
        }
        var differing = 0UL;
        foreach (var key in keys)
        {
            differing |= key ^ keys[0];
        }
        var sourceKeys = keys;
        var sourcePositions = positions;
        var targetKeys = spareKeys;
        var targetPositions = sparePositions;
        Span<int> starts = stackalloc int[256];
        for (var shift = 0; shift < 64; shift += 8)
        {
            if (((differing >> shift) & 0xFF) == 0)
            {
                continue;
            }
            starts.Clear();
            foreach (var key in sourceKeys)
            {
                starts[(int)(key >> shift) & 0xFF]++;
            }
            var total = 0;
            for (var digit = 0; digit < 256; digit++)
            {
                (starts[digit], total) = (total, total + starts[digit]);
            }
            for (var i = 0; i < count; i++)
            {
                var key = sourceKeys[i];
                var at = starts[(int)(key >> shift) & 0xFF]++;
                targetKeys[at] = key;
                targetPositions[at] = sourcePositions[i];
            }
            var keysSorted = targetKeys;
            targetKeys = sourceKeys;
            sourceKeys = keysSorted;
            var positionsSorted = targetPositions;
            targetPositions = sourcePositions;
            sourcePositions = positionsSorted;
        }
        if (sourceKeys != keys)
        {
            sourceKeys.CopyTo(keys);
        }
        return sourcePositions;
    }
}
