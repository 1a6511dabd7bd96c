using MachineActors.Machines;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests;

/// <summary>A machine held back by missing settings initialises once they are set, or when it is restarted.</summary>
public sealed class CompletingSettingsTests : RegistryTestKit
{
    [Fact]
    public void Setting_the_last_missing_setting_initialises_the_machine()
    {
        StartRegistry(ProbeOptions);
        var machine = AddMachine(new AddMachine("strict", StrictMachineType.TypeSlug, StrictDriver.DriverSlug)
        {
            Settings = [new SettingChange(SettingConfigType.Machine, "SERIAL", "S-1"), new SettingChange(SettingConfigType.Machine, "MODEL", "M")],
        });
        Assert.False(machine.Initialized);
        Assert.Contains("Missing DRIVER settings: HOST", machine.Errors);

        Ask<SettingResult>(new SetMachineSetting(machine.Id, SettingConfigType.Driver, "HOST", "10.0.0.7"));
        Assert.True(GetMachine(machine.Id).Initialized);
    }

    [Fact]
    public void Restarting_a_machine_that_never_initialised_initialises_it_and_clears_its_errors()
    {
        StartRegistry(ProbeOptions);
        var machine = AddMachine(new AddMachine("strict", StrictMachineType.TypeSlug, StrictDriver.DriverSlug)
        {
            Settings = [new SettingChange(SettingConfigType.Driver, "HOST", "10.0.0.7")],
        });
        Assert.False(machine.Initialized);
        Ask<MachineResult>(new RestartMachine(machine.Id));
        var restarted = GetMachine(machine.Id);
        // Still missing the machine settings: not initialised, and the error says so again (only once).
        Assert.False(restarted.Initialized);
        Assert.Equal(["Missing MACHINE settings: SERIAL, MODEL"], restarted.Errors);
    }
}
