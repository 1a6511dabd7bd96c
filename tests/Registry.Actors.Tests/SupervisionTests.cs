using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>
/// Driver code that throws or hangs: the machine records the error and the type's error status, its actor is
/// restarted with exponential backoff up to the limit, then stays stopped; the registry and other machines carry on.
/// Probe options: 5 s per driver call, 2 restarts, backoff 1 s doubling, no jitter.
/// </summary>
public sealed class SupervisionTests : RegistryTestKit
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void A_machine_whose_InitMachine_always_throws_restarts_with_backoff_then_stays_stopped_with_its_error()
    {
        var failing = Machine("failing", "test-printer", "test-printer-init-error");
        var healthy = Machine("healthy", "test-printer", "test-printer-virtual");

        var ready = StartRegistry(SamplePluginOptions, failing, healthy);

        Assert.Equal(1, ready.InitializedMachines);
        var first = ExpectFailure(failing.Id);
        Assert.Equal(("The printer did not answer", 1, TimeSpan.FromSeconds(1)), (first.Error, first.Failures, first.RestartIn));
        var stopped = GetMachine(failing.Id);
        Assert.Equal((false, false, 500), (stopped.Initialized, stopped.IsRunning, stopped.StatusCode));
        Assert.Equal(["The printer did not answer"], stopped.Errors);

        EventFilter.Exception<MachineFailureException>("The printer did not answer").ExpectOne(() => Time.Advance(TimeSpan.FromSeconds(1)));
        var second = ExpectFailure(failing.Id);
        Assert.Equal((2, TimeSpan.FromSeconds(2)), (second.Failures, second.RestartIn));
        Time.Advance(TimeSpan.FromSeconds(2));
        var last = ExpectFailure(failing.Id);
        Assert.Equal((3, null), (last.Failures, last.RestartIn));

        Time.Advance(TimeSpan.FromMinutes(10));
        Events.ExpectNoMsg(s_quiet);
        var gaveUp = GetMachine(failing.Id);
        Assert.Equal((false, false, "ERROR"), (gaveUp.Initialized, gaveUp.IsRunning, gaveUp.Status!.Name));
        Assert.Equal(["The printer did not answer"], gaveUp.Errors);
        var other = GetMachine(healthy.Id);
        Assert.Equal((true, true, "CONNECTED"), (other.Initialized, other.IsRunning, other.Status!.Name));
    }

    [Fact]
    public void Each_restart_waits_its_backoff_and_the_state_from_before_the_failure_survives()
    {
        var flaky = Machine("flaky", settings: Driver("FAIL_INIT_TIMES", 2));
        StartRegistry(ProbeOptions, flaky);
        Assert.Equal(TimeSpan.FromSeconds(1), ExpectFailure(flaky.Id).RestartIn);

        Time.Advance(TimeSpan.FromMilliseconds(999));
        Events.ExpectNoMsg(s_quiet);
        Assert.Single(ProbeLog.Calls(flaky.Id, "InitMachine"));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), ExpectFailure(flaky.Id).RestartIn);
        Time.Advance(TimeSpan.FromMilliseconds(1999));
        Events.ExpectNoMsg(s_quiet);
        Time.Advance(TimeSpan.FromMilliseconds(1));

        AwaitAssert(() => Assert.True(GetMachine(flaky.Id).Initialized));
        var machine = GetMachine(flaky.Id);
        Assert.Equal(["Init failure 1", "Init failure 2"], machine.Errors);
        Assert.Equal(ProbeStatuses.Ready, machine.Status);
        Assert.Equal(new MachineProperty("firmware", "1.0", "device", PropertyType.String, null), Assert.Single(machine.Properties));
        Assert.All(ProbeLog.Calls(flaky.Id, "InitMachine"), call => Assert.StartsWith("driver-inits=1 ", call.Detail));
        Assert.Equal(3, ProbeLog.Count(flaky.Id, "InitMachine"));
    }

    [Fact]
    public void A_driver_call_past_its_timeout_is_cancelled_and_fails_the_machine_while_the_others_carry_on()
    {
        var hanging = Machine("hanging", settings: Driver("HANG_IN", "InitMachine"));
        var healthy = Machine("healthy");
        var ready = CreateTestProbe();
        Sys.EventStream.Subscribe(ready.Ref, typeof(RegistryReady));
        StartRegistry(ProbeOptions, waitForReady: false, hanging, healthy);

        AwaitCondition(() => ProbeLog.Count(hanging.Id, "Hanging") == 1);
        AwaitAssert(() => Assert.True(GetMachine(healthy.Id).Initialized));
        Assert.Equal(12, CallFunction(healthy.Id, "multiply", ("x", 3), ("y", 4)));
        ready.ExpectNoMsg(s_quiet);

        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("InitMachine did not complete within 5 s", ExpectFailure(hanging.Id).Error);
        Assert.Equal(1, ready.ExpectMsg<RegistryReady>().InitializedMachines);
        Assert.Equal(["InitMachine"], ProbeLog.Calls(hanging.Id, "Cancelled").Select(c => c.Detail));
        Assert.Equal(["InitMachine did not complete within 5 s"], GetMachine(hanging.Id).Errors);
    }

    [Fact]
    public void A_command_that_throws_fails_the_call_and_the_machine_which_restarts_and_initialises_again()
    {
        var machine = Machine("commanded");
        StartRegistry(ProbeOptions, machine);

        var failure = AskFails(new CallMachineFunction(machine.Id, "fail", new Dictionary<string, object?> { ["message"] = "boom" }), RegistryErrorKind.DriverFailure);

        Assert.Equal("boom", failure.Message);
        var failed1 = ExpectFailure(machine.Id);
        Assert.Equal(("boom", TimeSpan.FromSeconds(1)), (failed1.Error, failed1.RestartIn));
        var failed = GetMachine(machine.Id);
        Assert.Equal((false, ProbeStatuses.Error), (failed.Initialized, failed.Status));
        Assert.Equal(["boom"], failed.Errors);
        AskFails(new CallMachineFunction(machine.Id, "multiply", new Dictionary<string, object?> { ["x"] = 1, ["y"] = 2 }), RegistryErrorKind.Unavailable);

        Time.Advance(TimeSpan.FromSeconds(1));

        AwaitAssert(() => Assert.True(GetMachine(machine.Id).Initialized));
        Assert.Equal(["boom"], GetMachine(machine.Id).Errors);
        Assert.Equal(6, CallFunction(machine.Id, "multiply", ("x", 2), ("y", 3)));
        Assert.Equal(2, ProbeLog.Count(machine.Id, "InitMachine"));
    }

    [Fact]
    public void Rejected_command_calls_are_the_callers_fault_and_do_not_fail_the_machine()
    {
        var machine = Machine("commanded");
        StartRegistry(ProbeOptions, machine);

        var unknown = AskFails(new CallMachineFunction(machine.Id, "fake_function", new Dictionary<string, object?> { ["custom_arg"] = 123 }), RegistryErrorKind.InvalidArgument);
        var missing = AskFails(new CallMachineFunction(machine.Id, "multiply", new Dictionary<string, object?> { ["x"] = 3 }), RegistryErrorKind.InvalidArgument);
        var invalid = AskFails(new CallMachineFunction(machine.Id, "multiply", new Dictionary<string, object?> { ["x"] = "three", ["y"] = 4 }), RegistryErrorKind.InvalidArgument);

        Assert.Equal("Unknown command 'fake_function'", unknown.Message);
        Assert.Contains("y", missing.Message);
        Assert.Contains("three", invalid.Message);
        Events.ExpectNoMsg(s_quiet);
        var view = GetMachine(machine.Id);
        Assert.Equal((true, true), (view.Initialized, view.IsRunning));
        Assert.Empty(view.Errors);
    }

    [Fact]
    public void A_hanging_command_times_out()
    {
        var machine = Machine("commanded");
        StartRegistry(ProbeOptions, machine);
        var call = AskAsync<MachineFunctionResult>(new CallMachineFunction(machine.Id, "hang", new Dictionary<string, object?>()));
        AwaitCondition(() => ProbeLog.Count(machine.Id, "Hanging") == 1);

        Time.Advance(TimeSpan.FromSeconds(5));

        var failure = Assert.Throws<RegistryOperationException>(() => Await(call));
        Assert.Equal((RegistryErrorKind.DriverFailure, "hang did not complete within 5 s"), (failure.Kind, failure.Message));
        Assert.Equal("hang did not complete within 5 s", ExpectFailure(machine.Id).Error);
    }

    [Fact]
    public void A_call_that_blocks_its_thread_past_the_timeout_counts_as_timed_out_once_it_returns()
    {
        var machine = Machine("blocked");
        StartRegistry(ProbeOptions, machine);
        var call = AskAsync<MachineFunctionResult>(new CallMachineFunction(machine.Id, "block", new Dictionary<string, object?>()));
        AwaitCondition(() => ProbeLog.Count(machine.Id, "Blocking") == 1);

        Time.Advance(TimeSpan.FromSeconds(5));
        ProbeLog.Gate(machine.Id).SetResult();

        var failure = Assert.Throws<RegistryOperationException>(() => Await(call));
        Assert.Equal("block did not complete within 5 s", failure.Message);
        Assert.Equal("block did not complete within 5 s", ExpectFailure(machine.Id).Error);
    }

    [Fact]
    public void A_call_that_blocks_its_thread_for_good_is_given_up_at_its_timeout_and_the_machine_starts_again()
    {
        var machine = Machine("blocked");
        var healthy = Machine("healthy");
        StartRegistry(ProbeOptions, machine, healthy);
        var call = AskAsync<MachineFunctionResult>(new CallMachineFunction(machine.Id, "block", new Dictionary<string, object?>()));
        AwaitCondition(() => ProbeLog.Count(machine.Id, "Blocking") == 1);
        try
        {
            Time.Advance(TimeSpan.FromSeconds(6));

            // Found while the driver still holds the thread: without the check the machine would wait for it for good.
            var failed = ExpectFailure(machine.Id);
            Assert.Equal("block did not complete within 5 s and blocks its thread; the machine is started again without it", failed.Error);
            Assert.Equal(TimeSpan.FromSeconds(1), failed.RestartIn);
            var refused = Assert.Throws<RegistryOperationException>(() => Await(call));
            Assert.Equal(RegistryErrorKind.Unavailable, refused.Kind);
            Assert.Equal(12, CallFunction(healthy.Id, "multiply", ("x", 3), ("y", 4)));

            Time.Advance(TimeSpan.FromSeconds(1));
            AwaitAssert(() => Assert.True(GetMachine(machine.Id).Initialized));
            Assert.Equal([failed.Error], GetMachine(machine.Id).Errors);
        }
        finally
        {
            ProbeLog.Gate(machine.Id).TrySetResult();
        }
    }

    [Fact]
    public void Exceptions_in_UpdateMachine_and_RestartMachine_become_machine_errors_and_restarts()
    {
        var updating = Machine("updating", settings: Driver("FAIL_IN", "UpdateMachine"));
        var restarting = Machine("restarting", settings: Driver("FAIL_IN", "RestartMachine"));
        StartRegistry(ProbeOptions, updating, restarting);

        var renamed = Ask<MachineResult>(new UpdateMachineConfig(updating.Id) { Name = "renamed" }).Machine;
        var restarted = Ask<MachineResult>(new RestartMachine(restarting.Id)).Machine;

        Assert.Equal("renamed", renamed.Name);
        Assert.Equal(["UpdateMachine failed on purpose"], renamed.Errors);
        Assert.Equal("renamed", StoredConfig(updating.Id).Name);
        Assert.Equal(["RestartMachine failed on purpose"], restarted.Errors);
        Assert.All([renamed, restarted], machine => Assert.Equal((false, ProbeStatuses.Error), (machine.Initialized, machine.Status)));
        Assert.Equal(
            [updating.Id, restarting.Id],
            new[] { ExpectFailure(updating.Id), ExpectFailure(restarting.Id) }.Select(f => f.MachineId));
    }

    [Fact]
    public void Restarting_a_machine_that_gave_up_starts_it_afresh()
    {
        var stubborn = Machine("stubborn", settings: Driver("FAIL_INIT_TIMES", 3));
        StartRegistry(ProbeOptions, stubborn);
        ExpectFailure(stubborn.Id);
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectFailure(stubborn.Id);
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(ExpectFailure(stubborn.Id).RestartIn);

        var machine = Ask<MachineResult>(new RestartMachine(stubborn.Id)).Machine;

        Assert.Equal((true, true, ProbeStatuses.Ready), (machine.Initialized, machine.IsRunning, machine.Status));
        Assert.Empty(machine.Errors);
        Assert.Equal(4, ProbeLog.Count(stubborn.Id, "InitMachine"));
        Assert.Empty(ProbeLog.Calls(stubborn.Id, "RestartMachine"));
    }

    [Fact]
    public void A_machine_that_ran_long_enough_before_failing_counts_its_failures_afresh()
    {
        var machine = Machine("long runner");
        StartRegistry(ProbeOptions with { RestartCountResetAfter = TimeSpan.FromMinutes(5) }, machine);
        var fail = new CallMachineFunction(machine.Id, "fail", new Dictionary<string, object?> { ["message"] = "boom" });

        AskFails(fail, RegistryErrorKind.DriverFailure);
        Assert.Equal(1, ExpectFailure(machine.Id).Failures);
        Time.Advance(TimeSpan.FromSeconds(1));
        AwaitAssert(() => Assert.True(GetMachine(machine.Id).Initialized));
        AskFails(fail, RegistryErrorKind.DriverFailure);
        var soon = ExpectFailure(machine.Id);
        Assert.Equal((2, TimeSpan.FromSeconds(2)), (soon.Failures, soon.RestartIn));
        Time.Advance(TimeSpan.FromSeconds(2));
        AwaitAssert(() => Assert.True(GetMachine(machine.Id).Initialized));

        Time.Advance(TimeSpan.FromMinutes(5));
        AskFails(fail, RegistryErrorKind.DriverFailure);

        var later = ExpectFailure(machine.Id);
        Assert.Equal((1, TimeSpan.FromSeconds(1)), (later.Failures, later.RestartIn));
    }

    [Fact]
    public void Requests_queued_behind_a_failing_call_are_answered_calls_as_unavailable_changes_as_stored()
    {
        var machine = Machine("busy");
        StartRegistry(ProbeOptions, machine);

        var failing = AskAsync<MachineFunctionResult>(new CallMachineFunction(machine.Id, "fail", new Dictionary<string, object?> { ["message"] = "boom" }));
        var queuedCall = AskAsync<MachineFunctionResult>(new CallMachineFunction(machine.Id, "multiply", new Dictionary<string, object?> { ["x"] = 1, ["y"] = 2 }));
        var queuedChange = AskAsync<MachineResult>(new UpdateMachineConfig(machine.Id) { Name = "renamed" });

        Assert.Equal(RegistryErrorKind.DriverFailure, Assert.Throws<RegistryOperationException>(() => Await(failing)).Kind);
        Assert.Equal(RegistryErrorKind.Unavailable, Assert.Throws<RegistryOperationException>(() => Await(queuedCall)).Kind);
        Assert.Equal("renamed", Await(queuedChange).Machine.Name);
        Assert.Equal("renamed", StoredConfig(machine.Id).Name);
        Assert.Equal(1, ExpectFailure(machine.Id).Failures);

        Time.Advance(TimeSpan.FromSeconds(1));
        AwaitAssert(() => Assert.True(GetMachine(machine.Id).Initialized));
        Assert.EndsWith("name=renamed", ProbeLog.Calls(machine.Id, "InitMachine")[^1].Detail);
    }
}
