using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class MachineStatusSetTests
{
    private static readonly MachineStatus Connected = new(100, "CONNECTED", "Connected", StatusColour.Success);
    private static readonly MachineStatus Error = new(500, "ERROR", "Error", StatusColour.Danger);

    [Fact]
    public void Keeps_declaration_order()
    {
        var set = new MachineStatusSet(Error, Connected);

        Assert.Equal(2, set.Count);
        Assert.Same(Error, set[0]);
        Assert.Same(Connected, set[1]);
        Assert.Equal([Error, Connected], set.ToArray());
    }

    [Fact]
    public void Finds_by_code()
    {
        Assert.Same(PrinterStatuses.NoMedia, PrinterStatuses.Set.Find(301));
        Assert.Null(PrinterStatuses.Set.Find(303));
    }

    [Theory]
    [InlineData("PAPER_JAM")]
    [InlineData("paper_jam")]
    [InlineData("Paper_Jam")]
    public void Finds_by_name_ignoring_case(string name)
    {
        Assert.Same(PrinterStatuses.PaperJam, PrinterStatuses.Set.Find(name));
    }

    [Fact]
    public void Finding_an_unknown_name_returns_null()
    {
        Assert.Null(PrinterStatuses.Set.Find("ON_FIRE"));
    }

    [Fact]
    public void Contains_only_the_exact_status()
    {
        var relabelled = PrinterStatuses.Connected with { Label = "Online" };

        Assert.True(PrinterStatuses.Set.Contains(PrinterStatuses.Connected));
        Assert.True(PrinterStatuses.Set.Contains(new MachineStatus(100, "CONNECTED", "Connected", StatusColour.Success)));
        Assert.False(PrinterStatuses.Set.Contains(relabelled));
        Assert.False(PrinterStatuses.Set.Contains(null));
    }

    [Fact]
    public void A_well_formed_set_has_no_problems()
    {
        Assert.Empty(PrinterStatuses.Set.Validate());
    }

    [Fact]
    public void An_empty_set_is_invalid()
    {
        Assert.Equal(["the status set is empty"], new MachineStatusSet().Validate());
    }

    [Fact]
    public void Duplicate_codes_are_reported_and_the_first_wins_lookup()
    {
        var online = new MachineStatus(100, "ONLINE", "Online", StatusColour.Success);
        var set = new MachineStatusSet(Connected, online);

        Assert.Equal(["status code 100 is used by CONNECTED and ONLINE"], set.Validate());
        Assert.Same(Connected, set.Find(100));
        Assert.Same(online, set.Find("ONLINE"));
    }

    [Fact]
    public void Duplicate_names_are_reported_ignoring_case()
    {
        var set = new MachineStatusSet(Connected, new MachineStatus(101, "Connected", "Again", StatusColour.Info));

        Assert.Contains("status name CONNECTED is used by codes 100 and 101", set.Validate());
        Assert.Same(Connected, set.Find("connected"));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(0)]
    [InlineData(-100)]
    public void Codes_outside_100_to_599_are_invalid(int code)
    {
        var set = new MachineStatusSet(new MachineStatus(code, "ODD", "Odd", StatusColour.Info));

        Assert.Equal([$"status ODD has code {code}, outside 100-599"], set.Validate());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(599)]
    public void Boundary_codes_are_valid(int code)
    {
        Assert.Empty(new MachineStatusSet(new MachineStatus(code, "EDGE", "Edge", StatusColour.Info)).Validate());
    }

    [Theory]
    [InlineData("connected")]
    [InlineData("NO MEDIA")]
    [InlineData("1ST")]
    [InlineData("")]
    public void Names_must_be_upper_case_identifiers(string name)
    {
        var set = new MachineStatusSet(new MachineStatus(100, name, "Label", StatusColour.Info));

        Assert.Contains($"status name '{name}' (code 100) must match ^[A-Z][A-Z0-9_]*$", set.Validate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Labels_must_not_be_blank(string label)
    {
        var set = new MachineStatusSet(new MachineStatus(100, "CONNECTED", label, StatusColour.Info));

        Assert.Equal(["status CONNECTED (100) has no label"], set.Validate());
    }

    [Fact]
    public void Colours_must_be_defined()
    {
        var set = new MachineStatusSet(new MachineStatus(100, "CONNECTED", "Connected", (StatusColour)42));

        Assert.Equal(["status CONNECTED (100) has an unknown colour 42"], set.Validate());
    }

    [Fact]
    public void Null_entries_are_reported_and_skipped()
    {
        var set = new MachineStatusSet(Connected, null!, Error);

        Assert.Equal(2, set.Count);
        Assert.Equal(
            ["the status at position 2 is null (a static field read before it was initialised?)"],
            set.Validate());
    }

    [Fact]
    public void Enumerable_constructor_matches_params_constructor()
    {
        var fromList = new MachineStatusSet(new List<MachineStatus> { Connected, Error });

        Assert.Equal(new MachineStatusSet(Connected, Error).ToArray(), fromList.ToArray());
    }
}
