using System.Collections.Immutable;
using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class MachineStateTests
{
    private static readonly MachineState State = new()
    {
        Id = Guid.NewGuid(),
        Name = "zebra-1",
        MachineTypeSlug = PrinterMachineType.TypeSlug,
        DriverSlug = "zpl-label-printer",
        Active = true,
        Status = PrinterStatuses.Connected,
        MachineSettings = ImmutableDictionary<string, object?>.Empty.Add("LOCATION", "bench 3"),
        DriverSettings = ImmutableDictionary<string, object?>.Empty.Add("LOCATION", "driver value").Add("PORT", 9100),
    };

    [Fact]
    public void Settings_are_read_by_config_type()
    {
        Assert.Equal("bench 3", State.GetSetting("LOCATION", SettingConfigType.Machine));
        Assert.Equal("driver value", State.GetSetting("LOCATION", SettingConfigType.Driver));
        Assert.Equal(9100, State.GetSetting("PORT", SettingConfigType.Driver));
        Assert.Null(State.GetSetting("PORT", SettingConfigType.Machine));
    }

    [Fact]
    public void Collections_start_empty()
    {
        var bare = State with { MachineSettings = ImmutableDictionary<string, object?>.Empty };

        Assert.Empty(bare.MachineSettings);
        Assert.Empty(bare.Properties);
        Assert.Empty(bare.Errors);
        Assert.Equal("", bare.StatusText);
        Assert.False(bare.Initialized);
    }

    [Fact]
    public void Changes_make_a_new_snapshot()
    {
        var changed = State with { Status = PrinterStatuses.PaperJam, Errors = State.Errors.Add("jam in tray 1") };

        Assert.Equal(PrinterStatuses.Connected, State.Status);
        Assert.Empty(State.Errors);
        Assert.Equal(["jam in tray 1"], changed.Errors);
        Assert.NotEqual(State, changed);
    }

    [Fact]
    public void An_undefined_config_type_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => State.GetSetting("PORT", (SettingConfigType)0));
    }
}
