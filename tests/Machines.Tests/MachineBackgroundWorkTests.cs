using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

/// <summary>Background work through the SDK: what it throws becomes an error of its machine, never an escaping exception.</summary>
public sealed class MachineBackgroundWorkTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Work_that_throws_is_recorded_on_the_machine_and_the_task_does_not_fault()
    {
        var machine = new FakeMachine();

        await MachineBackgroundWork.Run(machine, "connection keeper", _ => throw new IOException("socket closed")).WaitAsync(s_wait);

        Assert.Equal(["Background work 'connection keeper' failed: socket closed"], machine.Errors);
    }

    [Fact]
    public async Task Work_that_throws_after_an_await_is_recorded_too()
    {
        var machine = new FakeMachine();

        await MachineBackgroundWork.Run(machine, "poll", async token =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late failure");
        }).WaitAsync(s_wait);

        Assert.Equal(["Background work 'poll' failed: late failure"], machine.Errors);
    }

    [Fact]
    public async Task Work_ends_without_an_error_when_the_machine_stops()
    {
        var machine = new FakeMachine();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = MachineBackgroundWork.Run(machine, "waiter", async token =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        await started.Task.WaitAsync(s_wait);

        machine.Stop();
        await work.WaitAsync(s_wait);

        Assert.Empty(machine.Errors);
    }

    [Fact]
    public async Task A_periodic_tick_that_throws_is_recorded_and_the_next_ticks_still_run()
    {
        var machine = new FakeMachine();
        var ticks = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = MachineBackgroundWork.RunPeriodically(machine, "status poll", TimeSpan.FromMilliseconds(10), TimeProvider.System, _ =>
        {
            var tick = Interlocked.Increment(ref ticks);
            if (tick == 3)
            {
                third.TrySetResult();
            }
            return tick == 1 ? throw new TimeoutException("printer silent") : Task.CompletedTask;
        });
        await third.Task.WaitAsync(s_wait);

        machine.Stop();
        await work.WaitAsync(s_wait);

        Assert.Equal(["Background work 'status poll' failed: printer silent"], machine.Errors);
    }
}
