using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Machines;
using MachineActors.RecordingDriver;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Printing;
using Npgsql;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>
/// Machines changing hands without a crash: a graceful leave, a placement change, and a lease the node loses while
/// the machine is in a driver call.
/// </summary>
[Collection(RegistryPostgresCollection.Name)]
public sealed class HandoverTests(PrivatePostgres postgres) : IAsyncLifetime
{
    private static readonly string[] s_stations = ["station-a", "station-b"];

    private readonly PlacedCluster _cluster = new(postgres);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_graceful_leave_hands_the_machines_over_at_once_without_errors()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        await Eventually.TrueAsync(async () => (await b.Node.StateAsync()).Members.Count == 2, "station-b sees both stations");
        var id = PlacedCluster.IdPreferring("station-a", s_stations);
        await a.Ask<MachineResult>(PlacedCluster.Printer(id, "leaving", "station"));
        var printed = (await a.Ask<PrintJobAccepted>(PlacedCluster.Job(id, "before the leave"))).Job.Id;
        await PlacedCluster.JobOn(a, id, printed, PrintJobState.Completed);

        var handedOver = await a.LeaveAsync();

        Assert.Equal(1, handedOver.Count);
        // Given back, not left to expire: station-b may take it as soon as it sees station-a gone.
        var lease = (await b.Catalog.ReadAllAsync()).Single(e => e.MachineId == id.ToString("D"));
        Assert.True(lease.LeaseExpired || lease.OwnerNode == "station-b", "the lease was given back");
        var moved = await PlacedCluster.RunningOn(b, id);
        Assert.Empty(moved.Errors);
        Assert.Empty(a.Failures.Of(id));
        Assert.Empty(b.Failures.Of(id));
        var job = Assert.Single((await b.Ask<PrintJobsResult>(new GetPrintJobs(id))).Jobs);
        Assert.Equal((printed, PrintJobState.Completed), (job.Id, job.State));
        Assert.Null(ActivationRecorder.OverlapOf(id));
    }

    [Fact]
    public async Task Coordinated_shutdown_hands_the_machines_over_before_the_node_stops()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        await Eventually.TrueAsync(async () => (await b.Node.StateAsync()).Members.Count == 2, "station-b sees both stations");
        var id = PlacedCluster.IdPreferring("station-a", s_stations);
        await a.Ask<MachineResult>(PlacedCluster.Printer(id, "shut-down", "station"));
        await PlacedCluster.RunningOn(a, id);
        RegistryShutdown.HandOverOnShutdown(a.Node.System, a.Registry, TimeSpan.FromSeconds(10));

        // No membership leave: to station-b the node just vanishes, but its lease was given back, not left to expire.
        await a.Node.System.Terminate();

        var lease = (await b.Catalog.ReadAllAsync()).Single(e => e.MachineId == id.ToString("D"));
        Assert.True(lease.LeaseExpired || lease.OwnerNode == "station-b", "the lease was given back before the node stopped");
        var moved = await PlacedCluster.RunningOn(b, id);
        Assert.Empty(moved.Errors);
        Assert.Empty(a.Failures.Of(id));
        Assert.Null(ActivationRecorder.OverlapOf(id));
    }

    [Fact]
    public async Task A_placement_change_hands_the_machine_to_its_new_node_and_back_with_what_each_wrote()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        var id = Guid.NewGuid();
        await a.Ask<MachineResult>(PlacedCluster.Printer(id, "wired", "station-a", tag: "a1"));
        await PlacedCluster.RunningOn(a, id);

        await a.Ask<MachineResult>(new UpdateMachineConfig(id) { Placement = "station-b" });
        await PlacedCluster.RunningOn(b, id);
        Assert.Null(await a.Holding(id));
        Assert.Equal("station-b", (await a.Catalog.ReadAllAsync()).Single(e => e.MachineId == id.ToString("D")).Placement);
        Assert.Equal("a1", await Tag(b, id));
        await b.Ask<SettingResult>(new SetMachineSetting(id, SettingConfigType.Driver, RecordingPrinterDriver.TagSetting, "b1"));

        await b.Ask<MachineResult>(new UpdateMachineConfig(id) { Placement = "station-a" });
        var back = await PlacedCluster.RunningOn(a, id);

        // station-a ran it before: what it runs now comes from the records station-b wrote, not from what it kept.
        Assert.Equal("b1", await Tag(a, id));
        Assert.Equal("station-a", back.Placement);
        Assert.Empty(back.Errors);
        Assert.Equal(["station-a", "station-b", "station-a"], ActivationRecorder.Activations(id).Select(x => x.Node));
        Assert.Null(ActivationRecorder.OverlapOf(id));
    }

    [Fact]
    public async Task A_moved_machine_that_cannot_initialise_refuses_its_queued_jobs_instead_of_losing_them()
    {
        var a = await _cluster.StartAsync("station-a");
        var b = await _cluster.StartAsync("station-b");
        var id = Guid.NewGuid();
        await a.Ask<MachineResult>(PlacedCluster.Printer(id, "failing", "station-a"));
        await PlacedCluster.RunningOn(a, id);
        // Taken effect at the next initialisation only: on station-b.
        await a.Ask<SettingResult>(new SetMachineSetting(id, SettingConfigType.Driver, RecordingPrinterDriver.FailInitSetting, true));
        var printing = (await a.Ask<PrintJobAccepted>(PlacedCluster.Job(id, RecordingPrinterDriver.Hang))).Job.Id;
        await Eventually.TrueAsync(() => ActivationRecorder.Prints(printing).Count == 1, "the first job prints on station-a");
        var queued = (await a.Ask<PrintJobAccepted>(PlacedCluster.Job(id, "never printed"))).Job.Id;

        // The hand-back waits for the printing job (it times out and is interrupted); the queued one moves along.
        await a.Ask<MachineResult>(new UpdateMachineConfig(id) { Placement = "station-b" });

        await Eventually.TrueAsync(async () => (await b.Holding(id))?.Errors.Count > 0, "station-b failed to initialise the machine");
        var refused = await PlacedCluster.JobOn(b, id, queued, PrintJobState.Failed, TimeSpan.FromSeconds(5));
        Assert.Contains("not running", refused.Error, StringComparison.Ordinal);
        Assert.Empty(ActivationRecorder.Prints(queued));
        Assert.Equal(PrintJobState.Interrupted, (await b.Ask<PrintJobResult>(new GetPrintJob(id, printing))).Job.State);
    }

    [Fact]
    public async Task A_node_that_loses_a_lease_stops_the_machine_in_its_driver_call_at_once_and_competes_for_it_again()
    {
        var a = await _cluster.StartAsync("station-a");
        var id = Guid.NewGuid();
        await a.Ask<MachineResult>(PlacedCluster.Printer(id, "stolen", "station"));
        await PlacedCluster.RunningOn(a, id);
        var hanging = a.Ask<MachineFunctionResult>(new CallMachineFunction(id, "hang", new Dictionary<string, object?>()));
        await Eventually.TrueAsync(() => ActivationRecorder.Hangs(id) == 1, "the machine is in its driver call");
        var first = Assert.Single(ActivationRecorder.Activations(id));

        // Another holder takes the row for 2 s: station-a's next renewal fails, and it must stop at once.
        await StealLease(id, TimeSpan.FromSeconds(2));

        // Without the fence the call would hold the machine's actor for its whole 30 s time-out.
        var failure = await Assert.ThrowsAsync<RegistryOperationException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(RegistryErrorKind.Unavailable, failure.Kind);
        await Eventually.TrueAsync(() => !first.IsRunning, "the machine stopped on station-a", TimeSpan.FromSeconds(5));
        Assert.Null(await a.Holding(id));
        // Once the stolen lease lapses, station-a, still the node that should run it, takes it back.
        await PlacedCluster.RunningOn(a, id);
        Assert.Equal(2, ActivationRecorder.Activations(id).Count);
    }

    private static async Task<object?> Tag(PlacedNode node, Guid id) =>
        (await node.Ask<SettingResult>(new GetMachineSetting(id, SettingConfigType.Driver, RecordingPrinterDriver.TagSetting))).Setting.Value;

    private async Task StealLease(Guid id, TimeSpan holdFor)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE {_cluster.Schema}.machine_leases SET owner_node = 'thief', owner_incarnation = 1, epoch = epoch + 1, expires_at = now() + $2 WHERE machine_id = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = holdFor });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
