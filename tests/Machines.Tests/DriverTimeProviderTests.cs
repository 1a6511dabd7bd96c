using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class DriverTimeProviderTests
{
    [Fact]
    public void A_driver_uses_the_system_clock_until_told_otherwise()
    {
        Assert.Same(TimeProvider.System, new SingleLabelDriver().TimeProvider);
    }

    [Fact]
    public void The_registry_can_give_a_driver_its_clock()
    {
        var clock = new FrozenClock();
        var driver = new SingleLabelDriver { TimeProvider = clock };

        Assert.Same(clock, driver.TimeProvider);
        Assert.Empty(DriverValidator.Validate(driver));
    }

    [Fact]
    public void A_null_clock_is_refused()
    {
        var driver = new SingleLabelDriver();

        Assert.Throws<ArgumentNullException>(() => driver.TimeProvider = null!);
        Assert.Same(TimeProvider.System, driver.TimeProvider);
    }

    [Fact]
    public void Stopping_is_a_token_that_the_machine_cancels()
    {
        var machine = new FakeMachine();
        IMachine seen = machine;
        Assert.True(seen.Stopping.CanBeCanceled);
        Assert.False(seen.Stopping.IsCancellationRequested);

        machine.Stop();

        Assert.True(seen.Stopping.IsCancellationRequested);
    }

    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
