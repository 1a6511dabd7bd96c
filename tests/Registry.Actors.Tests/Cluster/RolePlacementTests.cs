using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Machines;
using MachineActors.RecordingDriver;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>
/// Registries of whole cluster nodes in one process on a private PostgreSQL: each machine runs on exactly one node,
/// the one that holds its lease; a crashed station's role-placed machines move to another station with their
/// settings, last state and print jobs, while machines wired to it by name stay.
/// </summary>
[Collection(RegistryPostgresCollection.Name)]
public sealed class RolePlacementTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private static readonly string[] s_stations = ["station-a", "station-b"];

    private readonly PlacedCluster _cluster = new(postgres);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static async Task<bool> SeesBothReachable(PlacedNode node)
    {
        var state = await node.Node.StateAsync();
        return state.Members.Count(m => m.Status == MemberStatus.Up) == 2 && state.Unreachable.Count == 0;
    }

    [Fact]
    public async Task A_role_placed_machine_added_on_one_station_runs_on_exactly_one_station()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        await Eventually.TrueAsync(async () => await SeesBothReachable(a), "station-a sees both stations Up and reachable");
        var here = PlacedCluster.IdPreferring("station-a", s_stations);
        var there = PlacedCluster.IdPreferring("station-b", s_stations);

        var addedHere = (await a.Ask<MachineResult>(PlacedCluster.Printer(here, "here", "station"))).Machine;
        var addedThere = (await a.Ask<MachineResult>(PlacedCluster.Printer(there, "there", "station"))).Machine;

        // Added where it should run: answered once initialised; added elsewhere: stored, not running here, and the
        // other station finds it in the catalog. (Should station-a have seen station-b unreachable for a moment, it
        // would have taken that one too: either way, one station runs it.)
        Assert.True(addedHere is { IsRunning: true, Initialized: true }, "the machine preferring station-a runs there at once");
        var (holder, other) = addedThere.IsRunning ? (a, b) : (b, a);
        await PlacedCluster.RunningOn(holder, there);
        Assert.Null(await other.Holding(there));
        Assert.Null(await b.Holding(here));
        var holders = (await a.Catalog.ReadAllAsync()).ToDictionary(e => e.MachineId, e => e.OwnerNode);
        Assert.Equal("station-a", holders[here.ToString("D")]);
        Assert.Equal(holder.Name, holders[there.ToString("D")]);
        Assert.Equal(["station-a"], ActivationRecorder.Activations(here).Select(x => x.Node));
        Assert.Equal([holder.Name], ActivationRecorder.Activations(there).Select(x => x.Node));
        var failure = await Assert.ThrowsAsync<RegistryOperationException>(() => b.Ask<MachineResult>(new RestartMachine(here)));
        Assert.Equal(RegistryErrorKind.NotHeld, failure.Kind);
    }

    [Fact]
    public async Task A_crashed_stations_role_placed_machine_moves_with_its_settings_state_and_jobs_and_a_node_placed_one_stays()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        await Eventually.TrueAsync(async () => (await b.Node.StateAsync()).Members.Count == 2, "station-b sees both stations");
        var roaming = PlacedCluster.IdPreferring("station-a", s_stations);
        var wired = Guid.NewGuid();
        await a.Ask<MachineResult>(PlacedCluster.Printer(roaming, "roaming", "station", tag: "set on a"));
        await a.Ask<MachineResult>(PlacedCluster.Printer(wired, "wired", "station-a"));
        await PlacedCluster.RunningOn(a, roaming);
        await PlacedCluster.RunningOn(a, wired);
        await a.Ask<SettingResult>(new SetMachineSetting(roaming, SettingConfigType.Driver, RecordingPrinterDriver.TagSetting, "changed on a"));
        await a.Ask<MachineFunctionResult>(new CallMachineFunction(roaming, "note", new Dictionary<string, object?> { ["text"] = "before the crash" }));
        var printing = (await a.Ask<PrintJobAccepted>(PlacedCluster.Job(roaming, RecordingPrinterDriver.Hang))).Job.Id;
        await Eventually.TrueAsync(() => ActivationRecorder.Prints(printing).Count == 1, "the first job prints on station-a");
        var queued = (await a.Ask<PrintJobAccepted>(PlacedCluster.Job(roaming, "after the crash"))).Job.Id;

        await a.CrashAsync();
        var crashed = DateTime.UtcNow;

        // The lease lapses at most one lease duration after the crash; the member event or the next poll takes it
        // (bounded with room for a loaded test machine).
        var moved = await PlacedCluster.RunningOn(b, roaming, TimeSpan.FromSeconds(10));
        var movedAfter = DateTime.UtcNow - crashed;
        Assert.True(movedAfter < PlacedCluster.Leases.Duration + PlacedCluster.CatalogPoll + TimeSpan.FromSeconds(3), $"moved after {movedAfter}");
        Assert.Equal("changed on a", (await b.Ask<SettingResult>(new GetMachineSetting(roaming, SettingConfigType.Driver, RecordingPrinterDriver.TagSetting))).Setting.Value);
        Assert.Equal("before the crash", Assert.Single(moved.Properties, p => p.Key == "note").Value);
        Assert.Empty(moved.Errors);
        var interrupted = await PlacedCluster.JobOn(b, roaming, printing, PrintJobState.Interrupted);
        Assert.Contains("not repeated", interrupted.Error, StringComparison.Ordinal);
        await PlacedCluster.JobOn(b, roaming, queued, PrintJobState.Completed);
        Assert.Equal(["station-a"], ActivationRecorder.Prints(printing).Select(p => p.Node));
        Assert.Equal(["station-b"], ActivationRecorder.Prints(queued).Select(p => p.Node));

        // The machine wired to station-a waits for it: by now its lease has long lapsed, and still nobody runs it.
        await Task.Delay(PlacedCluster.CatalogPoll * 2);
        Assert.Null(await b.Holding(wired));
        Assert.DoesNotContain(ActivationRecorder.Activations(wired), x => x.Node != "station-a");
        Assert.Equal("station-a", (await b.Catalog.ReadAllAsync()).Single(e => e.MachineId == wired.ToString("D")).Placement);
        Assert.Null(ActivationRecorder.OverlapOf(roaming));
        Assert.Null(ActivationRecorder.OverlapOf(wired));
    }
}
