namespace MachineActors.Registry.Tests;

public sealed class RegistryOptionsTests
{
    [Fact]
    public void Restart_delays_double_from_the_minimum_up_to_the_maximum_and_stretch_by_the_random_factor()
    {
        var options = new RegistryOptions { MinRestartBackoff = TimeSpan.FromSeconds(1), MaxRestartBackoff = TimeSpan.FromSeconds(10), RestartRandomFactor = 0.5 };

        Assert.Equal(
            [1, 2, 4, 8, 10, 10],
            Enumerable.Range(1, 6).Select(attempt => options.RestartDelay(attempt, 0).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(3), options.RestartDelay(2, 1));
        Assert.Equal(TimeSpan.FromSeconds(10), options.RestartDelay(1000, 0));
    }

    [Fact]
    public void A_node_owns_machines_placed_nowhere_on_its_name_or_on_one_of_its_roles()
    {
        var options = new RegistryOptions { NodeName = "station-a", NodeRoles = ["station"] };

        Assert.True(options.Owns(null));
        Assert.True(options.Owns(""));
        Assert.True(options.Owns("station-a"));
        Assert.True(options.Owns("station"));
        Assert.False(options.Owns("station-b"));
        Assert.False(options.Owns("frontend"));
    }

    [Fact]
    public void A_load_window_needs_room_for_one_initialisation_and_the_patience_cannot_be_negative()
    {
        new RegistryOptions { LoadWindow = 1, LoadPatience = TimeSpan.Zero }.Validate();

        Assert.Equal("LoadWindow", Assert.Throws<ArgumentOutOfRangeException>(() => new RegistryOptions { LoadWindow = 0 }.Validate()).ParamName);
        Assert.Equal(
            "LoadPatience",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RegistryOptions { LoadPatience = TimeSpan.FromMilliseconds(-1) }.Validate()).ParamName);
    }
}
