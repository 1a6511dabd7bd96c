using MachineActors.Machines;

namespace MachineActors.Registry.Tests;

public sealed class MachineFilterTests
{
    private static readonly MachineRecord Printer = new(
        new MachineConfig { Id = Guid.NewGuid(), Name = "Printer 1", MachineTypeSlug = "label-printer", DriverSlug = "zpl", Active = true },
        new MachineRuntimeState { Initialized = true });

    [Fact]
    public void By_default_only_initialised_machines_match()
    {
        Assert.True(new MachineFilter().Matches(Printer));
        Assert.False(new MachineFilter().Matches(Printer with { State = Printer.State with { Initialized = false } }));
        Assert.True(MachineFilter.All.Matches(Printer with { State = Printer.State with { Initialized = false } }));
    }

    [Fact]
    public void The_machine_type_filter_keeps_machines_of_that_type()
    {
        Assert.True(new MachineFilter { MachineType = "label-printer" }.Matches(Printer));
        Assert.False(new MachineFilter { MachineType = "octoprint" }.Matches(Printer));
        Assert.False(new MachineFilter { Driver = "ipp" }.Matches(Printer));
        Assert.False(new MachineFilter { Active = false }.Matches(Printer));
        Assert.False(new MachineFilter { Name = "printer 1" }.Matches(Printer));
    }

    [Fact]
    public void Query_parameters_parse_with_InvenTree_names()
    {
        var filter = MachineFilter.Parse(
            [new("name", "Printer 1"), new("machine_type", "label-printer"), new("driver", "zpl"), new("active", "True"), new("initialized", "null")]);

        Assert.Equal(new MachineFilter { Name = "Printer 1", MachineType = "label-printer", Driver = "zpl", Active = true, Initialized = null }, filter);
        Assert.Equal(new MachineFilter { Initialized = false }, MachineFilter.Parse([new("initialized", "false")]));
        Assert.Equal(new MachineFilter(), MachineFilter.Parse([]));
    }

    [Fact]
    public void An_unknown_filter_or_a_bad_flag_is_an_error()
    {
        var unknown = Assert.Throws<RegistryOperationException>(() => MachineFilter.Parse([new("unknown_filter", "test")]));
        var flag = Assert.Throws<RegistryOperationException>(() => MachineFilter.Parse([new("active", "yes")]));

        Assert.Equal((RegistryErrorKind.InvalidArgument, "'unknown_filter' is not a valid filter field for registry.get_machines."), (unknown.Kind, unknown.Message));
        Assert.Equal("Filter 'active' must be true or false, not 'yes'.", flag.Message);
    }
}
