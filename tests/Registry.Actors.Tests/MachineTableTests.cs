using MachineActors.Registry.Actors;

namespace MachineActors.Registry.Tests;

public sealed class MachineTableTests
{
    private static MachineEntry Entry(Guid id) =>
        new(new MachineConfig { Id = id, Name = id.ToString(), MachineTypeSlug = "probe", DriverSlug = "probe-driver" }, new MachineRuntimeState(), null, null, false);

    // Ids whose hashes are all equal (Guid's hash is the exclusive or of its four ints): they share a home slot.
    private static Guid Colliding(int i)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), i);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), i);
        return new Guid(bytes);
    }

    [Fact]
    public void Machines_are_found_by_id_and_a_second_machine_with_an_id_is_refused()
    {
        var table = new MachineTable();
        var machines = Enumerable.Range(0, 1_000).Select(_ => Entry(Guid.NewGuid())).ToList();
        foreach (var machine in machines)
        {
            Assert.True(table.TryAdd(machine));
        }
        var twin = Entry(machines[500].Id);

        Assert.False(table.TryAdd(twin));
        Assert.Equal(1_000, table.Count);
        Assert.All(machines, machine => Assert.Same(machine, table.GetValueOrDefault(machine.Id)));
        Assert.Same(machines[500], table.GetValueOrDefault(twin.Id));
        Assert.Null(table.GetValueOrDefault(Guid.NewGuid()));
        Assert.False(table.ContainsKey(Guid.NewGuid()));
        Assert.Equal(-1, twin.TableOrder);
    }

    [Fact]
    public void Removing_a_machine_keeps_the_machines_that_probed_past_its_slot()
    {
        var table = new MachineTable();
        var machines = Enumerable.Range(1, 40).Select(i => Entry(Colliding(i))).ToList();
        Assert.All(machines, machine => Assert.Equal(0, machine.Id.GetHashCode()));
        machines.ForEach(machine => table.TryAdd(machine));

        var random = new Random(7);
        var left = machines.ToList();
        while (left.Count > 0)
        {
            var removed = left[random.Next(left.Count)];
            Assert.True(table.Remove(removed.Id));
            Assert.False(table.Remove(removed.Id));
            left.Remove(removed);
            Assert.Null(table.GetValueOrDefault(removed.Id));
            Assert.All(left, machine => Assert.Same(machine, table.GetValueOrDefault(machine.Id)));
        }
        Assert.Equal(0, table.Count);
        Assert.Empty(table.Values);
    }

    [Fact]
    public void Values_lists_the_machines_in_the_order_they_were_added()
    {
        var table = new MachineTable();
        table.EnsureCapacity(8);
        var machines = Enumerable.Range(0, 8).Select(_ => Entry(Guid.NewGuid())).ToList();
        machines.ForEach(machine => table.TryAdd(machine));
        table.Remove(machines[2].Id);
        table.Remove(machines[5].Id);
        var late = Entry(Guid.NewGuid());
        table.TryAdd(late);

        Assert.Equal([machines[0], machines[1], machines[3], machines[4], machines[6], machines[7], late], table.Values);
    }

    [Fact]
    public void Random_adds_and_removals_agree_with_a_dictionary_and_an_ordered_list()
    {
        var random = new Random(12345);
        // Half the ids collide, so probe runs are long and removals shift machines back often.
        var ids = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? Colliding(i) : Guid.NewGuid()).ToArray();
        var table = new MachineTable();
        var expected = new Dictionary<Guid, MachineEntry>();
        var order = new List<MachineEntry>();
        for (var step = 0; step < 20_000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            if (random.Next(3) == 0)
            {
                var present = expected.Remove(id, out var gone);
                Assert.Equal(present, table.Remove(id));
                if (present)
                {
                    order.Remove(gone!);
                }
            }
            else
            {
                var machine = Entry(id);
                var added = expected.TryAdd(id, machine);
                Assert.Equal(added, table.TryAdd(machine));
                if (added)
                {
                    order.Add(machine);
                }
            }
            Assert.Equal(expected.Count, table.Count);
            if (step % 500 == 0)
            {
                Assert.All(ids, candidate => Assert.Same(expected.GetValueOrDefault(candidate), table.GetValueOrDefault(candidate)));
                Assert.Equal(order, table.Values);
            }
        }
        Assert.Equal(order, table.Values);
    }

    [Fact]
    public void A_prefetch_of_any_id_changes_nothing()
    {
        var table = new MachineTable();
        var machine = Entry(Guid.NewGuid());
        table.TryAdd(machine);

        table.Prefetch(Guid.NewGuid());
        table.Prefetch(machine.Id);

        Assert.Equal(1, table.Count);
        Assert.Same(machine, table.GetValueOrDefault(machine.Id));
    }
}
