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

    public static MachineConfig[] Sorted(MachineConfig[] configs)
    {
        if (configs.Length < 2)
        {
            return configs;
        }
        var keys = Keys(configs);
        var order = RadixSort(keys);
        var sorted = new MachineConfig[configs.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = configs[order[i]];
        }
        for (int start = 0, next; start < sorted.Length; start = next)
        {
            next = start + 1;
            while (next < sorted.Length && keys[next] == keys[start])
            {
                next++;
            }
            if (next - start > 1)
            {
                sorted.AsSpan(start, next - start).Sort(s_byName);
            }
        }
        return sorted;
    }

    private static ulong[] Keys(MachineConfig[] configs)
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
        return keys;
    }

    /// <summary>Sorts <paramref name="keys"/> in place (stably) and returns where each sorted key came from.</summary>
    private static int[] RadixSort(ulong[] keys)
    {
        var count = keys.Length;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        var differing = 0UL;
        foreach (var key in keys)
        {
            differing |= key ^ keys[0];
        }
        var source = (Keys: keys, Order: order);
        var target = (Keys: new ulong[count], Order: new int[count]);
        Span<int> starts = stackalloc int[256];
        for (var shift = 0; shift < 64; shift += 8)
        {
            if (((differing >> shift) & 0xFF) == 0)
            {
                continue;
            }
            starts.Clear();
            foreach (var key in source.Keys)
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
                var key = source.Keys[i];
                var at = starts[(int)(key >> shift) & 0xFF]++;
                target.Keys[at] = key;
                target.Order[at] = source.Order[i];
            }
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source.Keys, keys))
        {
            source.Keys.CopyTo(keys, 0);
        }
        return source.Order;
    }
}
