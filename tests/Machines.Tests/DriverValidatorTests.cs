using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class DriverValidatorTests
{
    [Fact]
    public void A_complete_driver_is_valid()
    {
        Assert.Empty(DriverValidator.Validate(new SingleLabelDriver()));
    }

    [Fact]
    public void Blank_attributes_are_reported_together()
    {
        var problems = DriverValidator.Validate(new ConfigurableDriver { SlugValue = "", NameValue = null!, DescriptionValue = " ", MachineTypeValue = "" });

        Assert.Equal(["'ConfigurableDriver' did not override the required attributes: SLUG, NAME, DESCRIPTION, MACHINE_TYPE"], problems);
    }

    [Fact]
    public void Slugs_must_be_valid()
    {
        var problems = DriverValidator.Validate(new ConfigurableDriver { SlugValue = "My Driver", MachineTypeValue = "Label_Printer" });

        Assert.Equal(
            [
                "'ConfigurableDriver' SLUG 'My Driver' must match ^[a-z0-9-]+$",
                "'ConfigurableDriver' MACHINE_TYPE 'Label_Printer' must match ^[a-z0-9-]+$",
            ],
            problems);
    }

    [Fact]
    public void Setting_problems_are_reported()
    {
        var problems = DriverValidator.Validate(new ConfigurableDriver
        {
            SettingsValue = [new SettingDefinition { Key = "PORT", Name = "Port", Type = SettingType.Int, Default = "ninety" }],
        });

        Assert.Equal(["'ConfigurableDriver' MACHINE_SETTINGS: setting PORT has an invalid default: 'ninety' is not a valid integer"], problems);
    }

    [Theory]
    [InlineData(typeof(SingleLabelDriver))]
    [InlineData(typeof(BatchDriver))]
    [InlineData(typeof(ZebraDriver))]
    public void Overriding_one_of_the_required_methods_is_enough(Type driverType)
    {
        Assert.Empty(DriverValidator.CheckRequiredOverrides(driverType));
    }

    [Fact]
    public void Overriding_none_of_the_required_methods_is_reported()
    {
        Assert.Equal(
            ["'LazyDriver' did not override any of the required methods: PrintLabel or PrintLabels"],
            DriverValidator.CheckRequiredOverrides(typeof(LazyDriver)));
        Assert.Contains(
            "'LazyDriver' did not override any of the required methods: PrintLabel or PrintLabels",
            DriverValidator.Validate(new LazyDriver()));
    }

    [Fact]
    public void Hiding_a_required_method_with_new_does_not_count()
    {
        Assert.Equal(
            ["'HidingDriver' did not override any of the required methods: PrintLabel or PrintLabels"],
            DriverValidator.CheckRequiredOverrides(typeof(HidingDriver)));
    }

    [Fact]
    public void An_override_in_the_class_carrying_the_requirement_does_not_count()
    {
        Assert.Equal(
            ["'RecheckedDriver' did not override any of the required methods: Connect"],
            DriverValidator.CheckRequiredOverrides(typeof(RecheckedDriver)));
    }

    [Fact]
    public void Every_group_is_checked_separately()
    {
        Assert.Equal(
            ["'HalfDoneDriver' did not override any of the required methods: Open or Reopen"],
            DriverValidator.CheckRequiredOverrides(typeof(HalfDoneDriver)));
        Assert.Equal(
            [
                "'NothingDoneDriver' did not override any of the required methods: Open or Reopen",
                "'NothingDoneDriver' did not override any of the required methods: Connect",
            ],
            DriverValidator.CheckRequiredOverrides(typeof(NothingDoneDriver)));
        Assert.Empty(DriverValidator.CheckRequiredOverrides(typeof(FullyDoneDriver)));
    }

    [Fact]
    public void A_requirement_naming_no_overridable_method_is_reported()
    {
        Assert.Equal(
            [
                "'MisdeclaredDriverBase' requires an override of 'Missing', which is not an overridable method of it",
                "'MisdeclaredDriverBase' requires an override of 'Fixed', which is not an overridable method of it",
                "'MisdeclaredDriver' did not override any of the required methods: Missing or Fixed",
            ],
            DriverValidator.CheckRequiredOverrides(typeof(MisdeclaredDriver)));
    }

    [Fact]
    public void A_requirement_without_names_is_reported()
    {
        Assert.Equal(
            ["'EmptyRequirementDriver' carries [RequiresOverrideOfOneOf] without method names"],
            DriverValidator.CheckRequiredOverrides(typeof(EmptyRequirementDriver)));
    }

    [Fact]
    public void A_driver_derived_from_the_base_driver_is_compatible()
    {
        Assert.Null(DriverValidator.CheckCompatibility(new SingleLabelDriver(), new PrinterMachineType()));
    }

    [Fact]
    public void A_driver_of_another_machine_type_is_incompatible()
    {
        var other = new PrinterMachineType { SlugValue = "barcode-scanner" };

        Assert.Equal(
            "'singlelabeldriver' is incompatible with machine type 'barcode-scanner'",
            DriverValidator.CheckCompatibility(new SingleLabelDriver(), other));
    }

    [Fact]
    public void Claiming_the_machine_type_without_its_base_driver_is_incompatible()
    {
        Assert.Equal(
            "'impostor' is incompatible with machine type 'test-printer'",
            DriverValidator.CheckCompatibility(new ImpostorDriver(), new PrinterMachineType()));
    }

    [Fact]
    public void Default_hooks_complete_without_doing_anything()
    {
        var driver = new BatchDriver();
        var machine = new FakeMachine();
        var state = new MachineState
        {
            Id = machine.Id,
            Name = machine.Name,
            MachineTypeSlug = machine.MachineTypeSlug,
            DriverSlug = machine.DriverSlug,
            Status = machine.Status,
        };

        Assert.True(driver.InitDriver(CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(driver.InitMachine(machine, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(driver.UpdateMachine(state, machine, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(driver.RestartMachine(machine, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Empty(driver.Settings);
        Assert.Empty(driver.Commands);
        Assert.Equal(PrinterStatuses.Unknown, machine.Status);
        Assert.Empty(machine.Errors);
    }

    private sealed class ConfigurableDriver : Driver
    {
        public string SlugValue { get; init; } = "configurable";

        public string NameValue { get; init; } = "Configurable";

        public string DescriptionValue { get; init; } = "Configured per test";

        public string MachineTypeValue { get; init; } = "test-printer";

        public IReadOnlyList<SettingDefinition> SettingsValue { get; init; } = [];

        public override string Slug => SlugValue;

        public override string Name => NameValue;

        public override string Description => DescriptionValue;

        public override string MachineTypeSlug => MachineTypeValue;

        public override IReadOnlyList<SettingDefinition> Settings => SettingsValue;
    }

    [RequiresOverrideOfOneOf("Connect")]
    private abstract class ConnectingDriverBase : Driver
    {
        public override string Slug => "connecting";

        public override string Name => "Connecting";

        public override string Description => "Connects";

        public override string MachineTypeSlug => "test-printer";

        protected virtual Task Connect() => Task.CompletedTask;
    }

    // Satisfies its base's requirement, then repeats it for its own subclasses.
    [RequiresOverrideOfOneOf("Connect")]
    private abstract class RecheckedDriverBase : ConnectingDriverBase
    {
        protected override Task Connect() => Task.CompletedTask;
    }

    private sealed class RecheckedDriver : RecheckedDriverBase
    {
    }

    [RequiresOverrideOfOneOf("Open", "Reopen")]
    private abstract class TwoGroupDriverBase : ConnectingDriverBase
    {
        protected virtual Task Open() => Task.CompletedTask;

        protected virtual Task Reopen() => Task.CompletedTask;
    }

    private sealed class HalfDoneDriver : TwoGroupDriverBase
    {
        protected override Task Connect() => Task.CompletedTask;
    }

    private sealed class FullyDoneDriver : TwoGroupDriverBase
    {
        protected override Task Connect() => Task.CompletedTask;

        protected override Task Reopen() => Task.CompletedTask;
    }

    private sealed class NothingDoneDriver : TwoGroupDriverBase
    {
    }

    [RequiresOverrideOfOneOf("Missing", nameof(Fixed))]
    private abstract class MisdeclaredDriverBase : Driver
    {
        public override string Slug => "misdeclared";

        public override string Name => "Misdeclared";

        public override string Description => "Names methods that cannot be overridden";

        public override string MachineTypeSlug => "test-printer";

        public Task Fixed() => Task.CompletedTask;
    }

    private sealed class MisdeclaredDriver : MisdeclaredDriverBase
    {
    }

    [RequiresOverrideOfOneOf]
    private sealed class EmptyRequirementDriver : Driver
    {
        public override string Slug => "empty";

        public override string Name => "Empty";

        public override string Description => "Requires nothing in particular";

        public override string MachineTypeSlug => "test-printer";
    }
}
