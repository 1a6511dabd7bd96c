using MachineActors.Registry.Actors;

namespace MachineActors.Registry.Tests;

public sealed class MachineNameIndexTests
{
    private static MachineEntry Entry(string name) =>
        new(new MachineConfig { Id = Guid.NewGuid(), Name = name, MachineTypeSlug = "probe", DriverSlug = "probe-driver" }, new MachineRuntimeState(), null, null, false);

    [Fact]
    public void The_index_is_built_on_first_read_from_the_machines_as_they_are_then()
    {
        var machines = new List<MachineEntry>();
        var index = new MachineNameIndex(machines);
        var kept = Entry("kept");
        var renamed = Entry("old");
        var removed = Entry("removed");
        machines.AddRange([kept, renamed, removed]);
        index.Add("kept", kept);
        index.Add("old", renamed);
        index.Add("removed", removed);
        renamed.Config = renamed.Config with { Name = "new" };
        index.Rename(renamed, "old", "new");
        machines.Remove(removed);
        index.Remove(removed, "removed");

        Assert.False(index.IsBuilt);
        Assert.Same(kept, index.Holder("kept"));
        Assert.True(index.IsBuilt);
        Assert.Same(renamed, index.Holder("new"));
        Assert.Null(index.Holder("old"));
        Assert.Null(index.Holder("removed"));
    }

    [Fact]
    public void Once_built_the_index_follows_adds_renames_and_removals()
    {
        var machines = new List<MachineEntry>();
        var index = new MachineNameIndex(machines);
        Assert.Null(index.Holder("a"));

        var first = Entry("a");
        var second = Entry("a");
        index.Add("a", first);
        index.Add("a", second);
        Assert.Same(first, index.Holder("a"));

        index.Remove(second, "a");
        Assert.Same(first, index.Holder("a"));
        index.Rename(first, "a", "b");
        Assert.Null(index.Holder("a"));
        Assert.Same(first, index.Holder("b"));
        index.Remove(first, "b");
        Assert.Null(index.Holder("b"));
    }

    [Fact]
    public void With_duplicate_names_the_first_machine_holds_the_name()
    {
        var first = Entry("twin");
        var second = Entry("twin");
        var index = new MachineNameIndex([first, second]);

        Assert.Same(first, index.Holder("twin"));
        index.Remove(second, "twin");
        Assert.Same(first, index.Holder("twin"));
    }
}
