namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: each machine goes to the eligible node with the highest
/// weight for the pair (machine, node). Machines spread evenly and deterministically over the nodes, every
/// node computes the same answer from the same inputs, and when a node leaves only the machines it had
/// move (each to its own runner-up), while a node that joins takes machines only for itself.
/// </summary>
public static class Rendezvous
{
    /// <summary>The node that should own <paramref name="machineId"/>, or null when no node is eligible.</summary>
    public static string? PreferredOwner(string machineId, IEnumerable<string> eligibleNodeNames)
    {
        ArgumentNullException.ThrowIfNull(machineId);
        ArgumentNullException.ThrowIfNull(eligibleNodeNames);
        string? best = null;
        var bestWeight = 0UL;
        foreach (var node in eligibleNodeNames)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(eligibleNodeNames));
            var weight = Weight(machineId, node);
            // Equal weights (practically never) go to the ordinally smaller name, so the answer ignores input order.
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(node, best) < 0))
            {
                best = node;
                bestWeight = weight;
            }
        }
        return best;
    }

    /// <summary>
    /// A stable 64-bit weight: FNV-1a over the machine id's length, its UTF-16 code units and the node name's
    /// code units (each little-endian, so the same on every platform and run), then the MurmurHash3 finalizer,
    /// because plain FNV-1a barely mixes names that differ only in their last characters ("node-1", "node-2").
    /// </summary>
    internal static ulong Weight(string machineId, string nodeName)
    {
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offsetBasis;
        // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
        var length = (uint)machineId.Length;
        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ ((length >> shift) & 0xFF)) * prime;
        }
        foreach (var c in machineId)
        {
            hash = (hash ^ (c & 0xFFu)) * prime;
            hash = (hash ^ ((uint)c >> 8)) * prime;
        }
        foreach (var c in nodeName)
        {
            hash = (hash ^ (c & 0xFFu)) * prime;
            hash = (hash ^ ((uint)c >> 8)) * prime;
        }
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
