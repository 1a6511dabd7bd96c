using MachineActors.Machines;

namespace MachineActors.Registry.Tests;

public sealed class InMemoryMachineConfigStoreTests
{
    private static MachineConfig Config(string name) =>
        new() { Id = Guid.NewGuid(), Name = name, MachineTypeSlug = "probe", DriverSlug = "probe-driver" };

    [Fact]
    public async Task Configs_are_added_updated_listed_and_removed()
    {
        var first = Config("b");
        var second = Config("a");
        var store = new InMemoryMachineConfigStore([first]);

        await store.Add(second);
        await store.Update(first with { Active = false });

        Assert.Equal(["a", "b"], (await store.LoadAll()).Select(c => c.Name));
        Assert.False((await store.LoadAll()).Single(c => c.Id == first.Id).Active);
        await store.Remove(second.Id);
        await store.Remove(second.Id);
        Assert.Equal([first.Id], (await store.LoadAll()).Select(c => c.Id));
    }

    [Fact]
    public async Task LoadAll_orders_by_name_ordinally_whatever_the_names_share()
    {
        string[][] fleets =
        [
            ["printer-10", "printer-9", "printer-09", "printer-0100000", "printer-0100001", "printer-01", "printer-", "printer-\0", "printer-\0\0"],
            ["B", "a", "A", "b", "ä", "\uffff", "\0", "", "ab", "aB", "abcdefgh", "abcdefgi", "abcdefg"],
            ["same", "same", "samf", "sam"],
            ["\u0100", "\u00ff", "z", "\u0180a", "\u0080", "\u0100\u0100"],
            ["a-long-shared-part-2", "a-long-shared-part-10", "b-long-shared-part-1", "a-long-shared-part-1", "a-long-shared-part-"],
            [.. Enumerable.Range(0, 500).Select(i => $"station-{i * 7919 % 500:D4}-{(char)('z' - (i % 26))}")],
        ];
        foreach (var names in fleets)
        {
            var store = new InMemoryMachineConfigStore(names.Select(Config));
            var loaded = (await store.LoadAll()).Select(c => c.Name).ToArray();
            var expected = names.Order(StringComparer.Ordinal).ToArray();
            // Compared ordinally: Assert.Equal given a sorted sequence of strings does not tell "x" from "x\0".
            Assert.True(expected.SequenceEqual(loaded, StringComparer.Ordinal), $"[{Escape(loaded)}] instead of [{Escape(expected)}]");
        }

        static string Escape(string[] names) => string.Join(", ", names.Select(name => name.Replace("\0", "\\0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LoadAll_orders_thousands_of_random_names_as_an_ordinal_sort_does()
    {
        var random = new Random(7);
        string[] alphabet = ["a", "b", "z", "A", "0", "9", "-", "\0", "é", "\u4e00", "\uffff"];
        var names = Enumerable.Range(0, 5_000)
            .Select(i => string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(i % 3 == 0 ? alphabet.Length : 7)])))
            .ToArray();
        var store = new InMemoryMachineConfigStore(names.Select(Config));

        var loaded = (await store.LoadAll()).Select(c => c.Name).ToArray();

        Assert.True(names.Order(StringComparer.Ordinal).SequenceEqual(loaded, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Removing_most_configs_keeps_the_rest_readable_and_writable()
    {
        var configs = Enumerable.Range(0, 10).Select(i => Config($"m{9 - i}")).ToArray();
        var store = new InMemoryMachineConfigStore(configs);

        foreach (var config in configs.Where((_, i) => i % 5 != 0))
        {
            await store.Remove(config.Id);
        }
        await store.Update(configs[5] with { Active = false });
        await store.SetSetting(configs[0].Id, SettingConfigType.Machine, "MODEL", "ZD421");
        await store.Add(Config("m5"));

        var loaded = await store.LoadAll();
        Assert.Equal(["m4", "m5", "m9"], loaded.Select(c => c.Name));
        Assert.False(loaded.Single(c => c.Id == configs[5].Id).Active);
        Assert.Equal("ZD421", await store.GetSetting(configs[0].Id, SettingConfigType.Machine, "MODEL"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.Update(configs[1]));
    }

    [Fact]
    public async Task States_follow_their_configs_through_removals_and_only_known_machines_keep_one()
    {
        var configs = Enumerable.Range(0, 10).Select(i => Config($"m{i}")).ToArray();
        var store = new InMemoryMachineConfigStore(configs);
        foreach (var (config, i) in configs.Select((c, i) => (c, i)))
        {
            store.RecordState(config.Id, State($"first {i}"));
            store.RecordState(config.Id, State($"state {i}"));
        }
        store.RecordState(Guid.NewGuid(), State("unknown"));

        // Removing eight of ten leaves more holes than configs: the store compacts its lists.
        foreach (var config in configs.Where((_, i) => i is not (3 or 8)))
        {
            await store.Remove(config.Id);
        }
        var added = Config("m10");
        await store.Add(added);
        store.RecordState(configs[8].Id, State("state 8, later"));

        var states = await store.LoadStates();
        Assert.Equal(2, states.Count);
        Assert.Equal("state 3", states[configs[3].Id].StatusText);
        Assert.Equal("state 8, later", states[configs[8].Id].StatusText);
        var loaded = await ((IMachineConfigStore)store).LoadConfigsAndStates();
        Assert.Equal(["m10", "m3", "m8"], loaded.Configs.Select(c => c.Name));
        Assert.False(loaded.States.ContainsKey(added.Id));
    }

    [Fact]
    public void Sorting_by_name_tells_where_each_config_came_from_ties_included()
    {
        var random = new Random(11);
        // Few letters and long shared parts: many names tie on their sort keys and are ordered by a full comparison.
        var configs = Enumerable.Range(0, 3_000)
            .Select(_ => Config("station-" + string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => "ab"[random.Next(2)]))))
            .ToArray();
        var sources = new int[configs.Length];

        var sorted = NameOrder.Sorted(configs, sources);

        Assert.True(configs.Select(c => c.Name).Order(StringComparer.Ordinal).SequenceEqual(sorted.Select(c => c.Name), StringComparer.Ordinal));
        Assert.All(Enumerable.Range(0, sorted.Length), k => Assert.Same(sorted[k], configs[sources[k]]));
        Assert.Equal(configs.Length, sources.Distinct().Count());
    }

    [Fact]
    public async Task A_state_recorded_by_load_index_reaches_its_machine_even_when_the_index_is_out_of_date()
    {
        // Added out of name order, with a hole: load positions differ from list positions.
        var configs = new[] { Config("c"), Config("gone"), Config("a"), Config("b") };
        var store = new InMemoryMachineConfigStore(configs);
        await store.Remove(configs[1].Id);
        IMachineConfigStore contract = store;
        var loaded = (await contract.LoadConfigsAndStates()).Configs;
        Assert.Equal(["a", "b", "c"], loaded.Select(c => c.Name));

        for (var k = 0; k < loaded.Count; k++)
        {
            contract.RecordState(k, loaded[k].Id, State($"{loaded[k].Name} at {k}"));
        }
        // An index that names another machine, one past the end, and a removed machine's.
        contract.RecordState(0, loaded[2].Id, State("c, wrong index"));
        contract.RecordState(7, loaded[1].Id, State("b, no such index"));
        contract.RecordState(1, configs[1].Id, State("removed"));

        var states = await store.LoadStates();
        Assert.Equal(3, states.Count);
        Assert.Equal("a at 0", states[loaded[0].Id].StatusText);
        Assert.Equal("b, no such index", states[loaded[1].Id].StatusText);
        Assert.Equal("c, wrong index", states[loaded[2].Id].StatusText);

        // Compacting moves configs: indices from the last load no longer apply, and records still find their machine.
        await store.Remove(loaded[0].Id);
        await store.Remove(loaded[1].Id);
        contract.RecordState(0, loaded[2].Id, State("c after compaction"));
        Assert.Equal("c after compaction", (await store.LoadStates()).Single().Value.StatusText);
    }

    [Fact]
    public async Task A_state_recorded_by_the_load_index_of_a_machine_removed_and_added_again_reaches_the_new_one()
    {
        var configs = new[] { Config("a"), Config("b") };
        var store = new InMemoryMachineConfigStore(configs);
        IMachineConfigStore contract = store;
        var loaded = (await contract.LoadConfigsAndStates()).Configs;

        await store.Remove(loaded[1].Id);
        contract.RecordState(1, loaded[1].Id, State("b while removed"));
        Assert.False((await store.LoadStates()).ContainsKey(loaded[1].Id));
        await store.Add(loaded[1]);
        contract.RecordState(1, loaded[1].Id, State("b again"));
        contract.RecordState(0, loaded[0].Id, State("a"));

        var states = await store.LoadStates();
        Assert.Equal("b again", states[loaded[1].Id].StatusText);
        Assert.Equal("a", states[loaded[0].Id].StatusText);
    }

    [Fact]
    public async Task States_recorded_from_many_threads_while_configs_are_added_and_removed_are_all_kept()
    {
        var configs = Enumerable.Range(0, 2_000).Select(i => Config($"m{i:D4}")).ToArray();
        var store = new InMemoryMachineConfigStore(configs);
        IMachineConfigStore contract = store;
        var loaded = (await contract.LoadConfigsAndStates()).Configs;
        var others = Enumerable.Range(0, 4_000).Select(i => Config($"x{i:D4}")).ToArray();

        // Adding grows the slot list and removing compacts it, while four threads record by load index.
        var churn = Task.Run(async () =>
        {
            foreach (var other in others)
            {
                await store.Add(other);
            }
            foreach (var other in others)
            {
                await store.Remove(other.Id);
            }
        });
        var recorders = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var k = t; k < loaded.Count; k += 4)
            {
                contract.RecordState(k, loaded[k].Id, State($"{loaded[k].Name} recorded"));
            }
        })).ToArray();
        await Task.WhenAll([churn, .. recorders]);

        var states = await store.LoadStates();
        Assert.Equal(loaded.Count, states.Count);
        Assert.All(loaded, config => Assert.Equal($"{config.Name} recorded", states[config.Id].StatusText));
    }

    private static StoredMachineState State(string text) => new(100, text, [], System.Collections.Immutable.ImmutableDictionary<string, MachineProperty>.Empty, false);

    [Fact]
    public async Task Settings_are_stored_per_config_type_and_an_empty_value_removes_one()
    {
        var config = Config("a");
        var store = new InMemoryMachineConfigStore([config]);

        await store.SetSetting(config.Id, SettingConfigType.Driver, "PORT", 9100);
        await store.SetSetting(config.Id, SettingConfigType.Machine, "PORT", "front");

        Assert.Equal(9100, await store.GetSetting(config.Id, SettingConfigType.Driver, "PORT"));
        Assert.Equal("front", await store.GetSetting(config.Id, SettingConfigType.Machine, "PORT"));
        await store.SetSetting(config.Id, SettingConfigType.Driver, "PORT", " ");
        Assert.Null(await store.GetSetting(config.Id, SettingConfigType.Driver, "PORT"));
        Assert.Empty((await store.LoadAll()).Single().DriverSettings);
    }

    [Fact]
    public async Task Unknown_ids_and_taken_ids_fail()
    {
        var config = Config("a");
        var store = new InMemoryMachineConfigStore([config]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Add(config));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.Update(Config("b")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.SetSetting(Guid.NewGuid(), SettingConfigType.Driver, "PORT", 1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.GetSetting(Guid.NewGuid(), SettingConfigType.Driver, "PORT"));
        Assert.Throws<ArgumentException>(() => new InMemoryMachineConfigStore([config, config]));
    }
}
