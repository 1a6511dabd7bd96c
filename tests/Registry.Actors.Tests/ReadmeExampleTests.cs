using Example.Scales;
using MachineActors.Machines;

namespace MachineActors.Registry.Tests;

/// <summary>The README's example compiles (it is this project's ReadmeExample/Scales.cs), is quoted verbatim, and works.</summary>
public sealed class ReadmeExampleTests : RegistryTestKit
{
    private const string Heading = "## Writing a machine type and a driver";

    [Fact]
    public void The_readme_quotes_the_example_file_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf(Heading, StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];

        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ReadmeExample", "Scales.cs")).ReplaceLineEndings("\n");

        Assert.Equal(example, block);
    }

    [Fact]
    public void The_example_machine_type_and_driver_register_initialise_and_answer_their_command()
    {
        var ready = StartRegistry(ProbeOptions);
        Assert.Contains(Ask<MachineTypesResult>(GetMachineTypes.Instance).MachineTypes, type => type.Slug == "scale");
        Assert.DoesNotContain(Ask<RegistryStatusResult>(GetRegistryStatus.Instance).Errors, error => error.Message.Contains("Scale", StringComparison.Ordinal));

        var scale = AddMachine(new AddMachine("scale 1", "scale", "demo-scale") { Settings = [new(SettingConfigType.Driver, "HOST", "scale-1.local")] });
        var unconfigured = AddMachine(new AddMachine("scale 2", "scale", "demo-scale"));

        Assert.True(scale.Initialized);
        Assert.Equal(ScaleMachineType.Connected, scale.Status);
        Assert.Equal("scale-1.local", Assert.Single(scale.Properties).Value);
        Assert.Equal(1.25, CallFunction(scale.Id, "weigh"));
        Assert.Equal(["Missing DRIVER settings: HOST"], unconfigured.Errors);
        Assert.Equal(30.0, Ask<SettingResult>(new GetMachineSetting(scale.Id, SettingConfigType.Machine, "CAPACITY_KG")).Setting.Value);
        Assert.Equal(0, ready.Errors);
    }
}
