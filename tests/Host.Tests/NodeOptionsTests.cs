using Microsoft.Extensions.Configuration;

namespace MachineActors.Host.Tests;

/// <summary>Node options that reach the registry.</summary>
public sealed class NodeOptionsTests
{
    [Fact]
    public void The_driver_call_timeout_is_30_s_unless_configured()
    {
        var defaults = NodeOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal(TimeSpan.FromSeconds(30), NodeRuntime.RegistryOptionsFor(defaults).DriverCallTimeout);

        var configured = NodeOptions.From(new ConfigurationBuilder().AddCommandLine(["--Node:DriverCallTimeout=00:00:02.500"]).Build());
        Assert.Equal(TimeSpan.FromSeconds(2.5), NodeRuntime.RegistryOptionsFor(configured).DriverCallTimeout);
    }
}
