using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

public sealed class LabelPrinterMachineTypeTests
{
    private readonly LabelPrinterMachineType _type = new();

    [Fact]
    public void The_machine_type_passes_the_SDK_validator()
    {
        Assert.Empty(MachineTypeValidator.Validate(_type));
    }

    [Fact]
    public void The_machine_type_has_InvenTrees_slug_name_and_description()
    {
        Assert.Equal("label-printer", _type.Slug);
        Assert.Equal("Label Printer", _type.Name);
        Assert.Equal("Directly print labels for various items.", _type.Description);
        Assert.Equal(typeof(LabelPrinterDriver), _type.BaseDriver);
    }

    [Fact]
    public void The_status_set_has_the_eight_statuses_with_their_codes_and_colours()
    {
        Assert.Equal(
            [
                (100, "CONNECTED", StatusColour.Success),
                (101, "UNKNOWN", StatusColour.Secondary),
                (110, "PRINTING", StatusColour.Primary),
                (200, "WARNING", StatusColour.Warning),
                (301, "NO_MEDIA", StatusColour.Warning),
                (302, "PAPER_JAM", StatusColour.Warning),
                (400, "DISCONNECTED", StatusColour.Danger),
                (500, "ERROR", StatusColour.Danger),
            ],
            _type.Statuses.Select(s => (s.Code, s.Name, s.Colour)));
        Assert.Empty(_type.Statuses.Validate());
    }

    [Fact]
    public void Unknown_is_the_default_and_Error_the_error_status()
    {
        Assert.Same(LabelPrinterStatuses.Unknown, _type.DefaultStatus);
        Assert.Same(LabelPrinterStatuses.Error, _type.ErrorStatus);
    }

    [Fact]
    public void LOCATION_is_the_only_machine_setting_and_it_is_optional()
    {
        var location = Assert.Single(_type.Settings);

        Assert.Equal("LOCATION", location.Key);
        Assert.Equal(SettingType.String, location.Type);
        Assert.False(location.Required);
        Assert.Equal("Printer Location", location.Name);
    }
}
