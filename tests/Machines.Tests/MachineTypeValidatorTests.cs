using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class MachineTypeValidatorTests
{
    [Fact]
    public void A_complete_machine_type_is_valid()
    {
        Assert.Empty(MachineTypeValidator.Validate(new PrinterMachineType()));
    }

    [Fact]
    public void Blank_and_null_attributes_are_reported_together()
    {
        var hollow = new PrinterMachineType
        {
            SlugValue = "",
            NameValue = "   ",
            DescriptionValue = null!,
            BaseDriverValue = null!,
            StatusesValue = null!,
            DefaultStatusValue = null!,
            ErrorStatusValue = null!,
            SettingsValue = null!,
        };

        Assert.Equal(
            [
                "'PrinterMachineType' did not override the required attributes: SLUG, NAME, DESCRIPTION, BASE_DRIVER, "
                + "MACHINE_STATUS, DEFAULT_MACHINE_STATUS, ERROR_MACHINE_STATUS, MACHINE_SETTINGS",
            ],
            MachineTypeValidator.Validate(hollow));
    }

    [Fact]
    public void Only_the_missing_attributes_are_named()
    {
        var problems = MachineTypeValidator.Validate(new PrinterMachineType { DescriptionValue = "" });

        Assert.Equal(["'PrinterMachineType' did not override the required attributes: DESCRIPTION"], problems);
    }

    [Theory]
    [InlineData("Label Printer")]
    [InlineData("label_printer")]
    [InlineData("LABEL")]
    [InlineData("label\n")]
    public void The_slug_must_be_lower_case_letters_digits_and_dashes(string slug)
    {
        var problems = MachineTypeValidator.Validate(new PrinterMachineType { SlugValue = slug });

        Assert.Equal([$"'PrinterMachineType' SLUG '{slug}' must match ^[a-z0-9-]+$"], problems);
    }

    [Fact]
    public void The_base_driver_must_be_a_driver()
    {
        var problems = MachineTypeValidator.Validate(new PrinterMachineType { BaseDriverValue = typeof(string) });

        Assert.Equal(["'PrinterMachineType' BASE_DRIVER 'String' does not derive from Driver"], problems);
    }

    [Fact]
    public void The_default_and_error_statuses_must_be_in_the_set()
    {
        var stranger = new MachineStatus(555, "STRANGER", "Stranger", StatusColour.Info);
        var problems = MachineTypeValidator.Validate(new PrinterMachineType { DefaultStatusValue = stranger, ErrorStatusValue = stranger });

        Assert.Equal(
            [
                "'PrinterMachineType' DEFAULT_MACHINE_STATUS STRANGER (555) is not in its MACHINE_STATUS set",
                "'PrinterMachineType' ERROR_MACHINE_STATUS STRANGER (555) is not in its MACHINE_STATUS set",
            ],
            problems);
    }

    [Fact]
    public void Status_set_problems_are_reported()
    {
        var broken = new MachineStatusSet(PrinterStatuses.Unknown, PrinterStatuses.Error, PrinterStatuses.Error with { Name = "FAILED" });
        var problems = MachineTypeValidator.Validate(new PrinterMachineType { StatusesValue = broken });

        Assert.Equal(["'PrinterMachineType' MACHINE_STATUS: status code 500 is used by ERROR and FAILED"], problems);
    }

    [Fact]
    public void Setting_problems_are_reported()
    {
        var problems = MachineTypeValidator.Validate(
            new PrinterMachineType { SettingsValue = [new SettingDefinition { Key = "copies", Name = "Copies" }] });

        Assert.Equal(["'PrinterMachineType' MACHINE_SETTINGS: setting key 'copies' must match ^[A-Z][A-Z0-9_]*$"], problems);
    }

    [Fact]
    public void A_throwing_attribute_is_a_problem_not_a_crash()
    {
        var problems = MachineTypeValidator.Validate(new ThrowingMachineType());

        Assert.Equal(["'ThrowingMachineType' failed to provide NAME: InvalidOperationException: no name today"], problems);
    }

    private sealed class ThrowingMachineType : MachineType
    {
        public override string Slug => "throwing";

        public override string Name => throw new InvalidOperationException("no name today");

        public override string Description => "Throws";

        public override Type BaseDriver => typeof(PrinterDriverBase);

        public override MachineStatusSet Statuses => PrinterStatuses.Set;

        public override MachineStatus DefaultStatus => PrinterStatuses.Unknown;

        public override MachineStatus ErrorStatus => PrinterStatuses.Error;
    }
}
