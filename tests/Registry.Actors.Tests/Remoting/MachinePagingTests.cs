using System.Text.Json;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Machines;
using MachineActors.Registry.Actors;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// A station's whole machine list may be larger than one message between nodes (which would be dropped, and the
/// front-end would see the station's machines as disconnected); asked for by pages, it crosses in full.
/// </summary>
public sealed class MachinePagingTests : IAsyncLifetime
{
    private const int Machines = 3_000;
    private const int Limit = 500;
    private RegistryNodes _nodes = null!;

    public async Task InitializeAsync()
    {
        var configs = Enumerable.Range(0, Machines).Select(i => new MachineConfig
        {
            Id = Guid.NewGuid(),
            // Long names, so that the whole list is well over 1 MiB.
            Name = $"printer-{i:D5}-{new string('x', 240)}",
            MachineTypeSlug = "test-printer",
            DriverSlug = "test-printer-virtual",
        });
        _nodes = await RegistryNodes.StartAsync(new RegistryOptions
        {
            PluginsFolder = Path.Combine(AppContext.BaseDirectory, "plugins"),
            DisabledPlugins = ["MachineActors.BrokenPlugin"],
            NodeName = "station-b",
        }, [.. configs]);
    }

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task A_list_too_large_for_one_message_comes_from_another_node_page_by_page_in_name_order()
    {
        var all = (await _nodes.AskLocal<MachinesResult>(new GetMachines(MachineFilter.All))).Machines;
        var maximum = new TransportOptions().MaximumPayloadSize;
        Assert.Equal(Machines, all.Count);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(all).Length > maximum, "the whole list would fit one message");

        var pages = new List<MachinesResult>();
        var request = new GetMachines(MachineFilter.All) { Limit = Limit };
        do
        {
            pages.Add(await _nodes.AskRemote<MachinesResult>(request));
            request = request with { AfterName = pages[^1].Machines[^1].Name };
        }
        while (pages[^1].HasMore);

        Assert.Equal(all.Select(m => m.Id), pages.SelectMany(p => p.Machines).Select(m => m.Id));
        Assert.All(pages, page => Assert.InRange(page.Machines.Count, 1, Limit));
        Assert.All(pages, page => Assert.True(JsonSerializer.SerializeToUtf8Bytes(page).Length < maximum / 2));
        // Cut by size, not only by the limit: 500 of these machines would be about 150 KiB of names alone.
        Assert.True(pages.Count > Machines / Limit, $"{pages.Count} pages");
    }

    [Fact]
    public async Task A_page_with_a_filter_starts_after_the_given_name_and_says_when_it_is_the_last()
    {
        var names = (await _nodes.AskLocal<MachinesResult>(new GetMachines(MachineFilter.All))).Machines.Select(m => m.Name).ToList();

        var middle = await _nodes.AskRemote<MachinesResult>(new GetMachines(MachineFilter.All) { AfterName = names[1_000], Limit = 3 });
        var last = await _nodes.AskRemote<MachinesResult>(new GetMachines(MachineFilter.All) { AfterName = names[^3], Limit = 3 });
        var none = await _nodes.AskRemote<MachinesResult>(new GetMachines(new MachineFilter { Name = names[7] }) { AfterName = names[7], Limit = 3 });

        Assert.Equal(names[1_001..1_004], middle.Machines.Select(m => m.Name));
        Assert.True(middle.HasMore);
        Assert.Equal(names[^2..], last.Machines.Select(m => m.Name));
        Assert.False(last.HasMore);
        Assert.Empty(none.Machines);
        Assert.False(none.HasMore);
    }

    [Fact]
    public void A_page_is_cut_by_its_estimated_size_and_always_holds_one_machine()
    {
        var huge = View("huge", errors: [new string('e', MachinePage.MaxBytes)]);
        var small = Enumerable.Range(0, 10).Select(i => View($"small-{i}")).ToList();

        var alone = MachinePage.Of([huge, .. small], limit: 100);
        var limited = MachinePage.Of(small, limit: 4);
        var whole = MachinePage.Of(small, limit: 10);

        Assert.Equal(["huge"], alone.Machines.Select(m => m.Name));
        Assert.True(alone.HasMore);
        Assert.Equal(4, limited.Machines.Count);
        Assert.True(limited.HasMore);
        Assert.Equal(10, whole.Machines.Count);
        Assert.False(whole.HasMore);
        Assert.True(MachinePage.EstimatedBytes(huge) >= 3 * MachinePage.MaxBytes);
    }

    private static MachineView View(string name, IReadOnlyList<string>? errors = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        MachineType = "test-printer",
        Driver = "test-printer-virtual",
        Active = true,
        Initialized = true,
        Errors = errors ?? [],
        Properties = [new MachineProperty("firmware", "1.2.3", null, PropertyType.String, null)],
    };
}
