using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MachineActors.Registry.Actors;

/// <summary>
/// The registry's machines by id, listed in the order they were added. Every machine of a start-up is inserted here,
/// and with 100,000 machines the table outgrows the cache: an insert into a <see cref="Dictionary{TKey,TValue}"/> reads
/// its bucket and then the entry the bucket points to, in two arrays, and took 40-57 ns against 15 with 10,000. This
/// table keeps each slot's hash next to its machine (open addressing, linear probing, at most half full), so an insert
/// reads one place, and <see cref="Prefetch"/> lets a start-up ask for it a few machines ahead.
/// </summary>
internal sealed class MachineTable
{
    private const int MinimumCapacity = 16;

    // A slot is empty when its machine is null. Hash is the id's mixed hash, compared before the id itself.
    private struct Slot
    {
        public uint Hash;
        public MachineEntry? Machine;
    }

    private Slot[] _slots = new Slot[MinimumCapacity];
    private int _shift = 32 - BitOperations.Log2(MinimumCapacity);

    // Insertion order, for Values; a removed machine leaves a null until the list is compacted.
    private MachineEntry?[] _order = new MachineEntry?[MinimumCapacity];
    private int _orderLength;

    public int Count { get; private set; }

    /// <summary>The machines in the order they were added.</summary>
    public IEnumerable<MachineEntry> Values
    {
        get
        {
            // A caller may add and remove machines while it iterates: it sees those of the moment it began, less those removed since.
            var (order, length) = (_order, _orderLength);
            for (var i = 0; i < length; i++)
            {
                if (order[i] is { } machine)
                {
                    yield return machine;
                }
            }
        }
    }

    /// <summary>Makes room for <paramref name="capacity"/> machines in all, so that adding them does not grow the table.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity * 2 > _slots.Length)
        {
            Resize(capacity);
        }
        if (capacity > _order.Length)
        {
            Array.Resize(ref _order, capacity);
        }
    }

    /// <summary>Hints the processor to fetch the slot where a machine with <paramref name="id"/> would be found or added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(Guid id)
    {
        if (Sse.IsSupported)
        {
            // A hint only: if the array moves meanwhile, the fetched line is merely useless.
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[Home(Hash(id))]));
        }
    }

    /// <summary>Adds <paramref name="machine"/> under its id; false, changing nothing, when a machine with that id is here.</summary>
    public bool TryAdd(MachineEntry machine)
    {
        var id = machine.Id;
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        var index = Home(hash);
        while (_slots[index].Machine is { } held)
        {
            if (_slots[index].Hash == hash && held.Id == id)
            {
                return false;
            }
            index = (index + 1) & mask;
        }
        if ((Count + 1) * 2 > _slots.Length)
        {
            Resize(Count + 1);
            index = FreeSlot(hash);
        }
        _slots[index] = new Slot { Hash = hash, Machine = machine };
        Count++;
        if (_orderLength == _order.Length)
        {
            CompactOrGrowOrder();
        }
        machine.TableOrder = _orderLength;
        _order[_orderLength++] = machine;
        return true;
    }

    public bool ContainsKey(Guid id) => Find(id) >= 0;

    public bool TryGetValue(Guid id, [NotNullWhen(true)] out MachineEntry? machine)
    {
        var index = Find(id);
        machine = index >= 0 ? _slots[index].Machine : null;
        return machine is not null;
    }

    public MachineEntry? GetValueOrDefault(Guid id)
    {
        var index = Find(id);
        return index >= 0 ? _slots[index].Machine : null;
    }

    /// <summary>Removes the machine with <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(Guid id)
    {
        var index = Find(id);
        if (index < 0)
        {
            return false;
        }
        var machine = _slots[index].Machine!;
        _order[machine.TableOrder] = null;
        machine.TableOrder = -1;
        Count--;
        CloseGap(index);
        return true;
    }

    /// <summary>
    /// Empties <paramref name="gap"/> without breaking a probe sequence: each machine after it in the same run of
    /// occupied slots moves back into the gap when the gap lies between its home slot and where it sits.
    /// </summary>
    private void CloseGap(int gap)
    {
        var mask = _slots.Length - 1;
        var next = (gap + 1) & mask;
        while (_slots[next].Machine is not null)
        {
            var home = Home(_slots[next].Hash);
            // Distances along the probe direction, modulo the table size.
            if (((next - home) & mask) >= ((next - gap) & mask))
            {
                _slots[gap] = _slots[next];
                gap = next;
            }
            next = (next + 1) & mask;
        }
        _slots[gap] = default;
    }

    private int Find(Guid id)
    {
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        var index = Home(hash);
        while (_slots[index].Machine is { } held)
        {
            if (_slots[index].Hash == hash && held.Id == id)
            {
                return index;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    private int FreeSlot(uint hash)
    {
        var mask = _slots.Length - 1;
        var index = Home(hash);
        while (_slots[index].Machine is not null)
        {
            index = (index + 1) & mask;
        }
        return index;
    }

    private void Resize(int count)
    {
        var capacity = MinimumCapacity;
        while (capacity < count * 2)
        {
            capacity *= 2;
        }
        var old = _slots;
        _slots = new Slot[capacity];
        _shift = 32 - BitOperations.Log2((uint)capacity);
        foreach (var slot in old)
        {
            if (slot.Machine is not null)
            {
                _slots[FreeSlot(slot.Hash)] = slot;
            }
        }
    }

    private void CompactOrGrowOrder()
    {
        // Into a new array either way: a caller may still iterate a snapshot of the old one.
        var order = new MachineEntry?[Count < _orderLength * 3 / 4 ? _order.Length : _order.Length * 2];
        var kept = 0;
        for (var i = 0; i < _orderLength; i++)
        {
            if (_order[i] is { } machine)
            {
                machine.TableOrder = kept;
                order[kept++] = machine;
            }
        }
        (_order, _orderLength) = (order, kept);
    }

    // Fibonacci hashing: the top bits of the product depend on every bit of the id's hash.
    private int Home(uint hash) => (int)((hash * 0x9E3779B9u) >> _shift);

    private static uint Hash(Guid id) => (uint)id.GetHashCode();
}
