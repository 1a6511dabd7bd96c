using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class StatusRangesTests
{
    [Theory]
    [InlineData(100, StatusRange.Fine)]
    [InlineData(199, StatusRange.Fine)]
    [InlineData(200, StatusRange.Warning)]
    [InlineData(299, StatusRange.Warning)]
    [InlineData(300, StatusRange.MachineProblem)]
    [InlineData(399, StatusRange.MachineProblem)]
    [InlineData(400, StatusRange.DriverProblem)]
    [InlineData(499, StatusRange.DriverProblem)]
    [InlineData(500, StatusRange.Unknown)]
    [InlineData(599, StatusRange.Unknown)]
    [InlineData(99, StatusRange.Unknown)]
    [InlineData(600, StatusRange.Unknown)]
    [InlineData(-1, StatusRange.Unknown)]
    public void Classifies_by_hundreds(int code, StatusRange expected)
    {
        Assert.Equal(expected, StatusRanges.Classify(code));
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(599, true)]
    [InlineData(600, false)]
    public void Valid_codes_are_100_to_599(int code, bool valid)
    {
        Assert.Equal(valid, StatusRanges.IsValidCode(code));
    }

    [Fact]
    public void A_status_knows_its_range()
    {
        Assert.Equal(StatusRange.Fine, PrinterStatuses.Printing.Range);
        Assert.Equal(StatusRange.Warning, PrinterStatuses.Warning.Range);
        Assert.Equal(StatusRange.MachineProblem, PrinterStatuses.PaperJam.Range);
        Assert.Equal(StatusRange.DriverProblem, PrinterStatuses.Disconnected.Range);
        Assert.Equal(StatusRange.Unknown, PrinterStatuses.Error.Range);
    }

    [Fact]
    public void A_status_prints_as_name_and_code()
    {
        Assert.Equal("NO_MEDIA (301)", PrinterStatuses.NoMedia.ToString());
    }
}
