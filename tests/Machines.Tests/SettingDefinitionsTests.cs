namespace MachineActors.Machines.Tests;

public sealed class SettingDefinitionsTests
{
    [Theory]
    [InlineData("PORT")]
    [InlineData("A")]
    [InlineData("HOST_NAME2")]
    [InlineData("X_")]
    public void Accepts_upper_case_keys(string key) => Assert.True(SettingDefinition.IsValidKey(key));

    [Theory]
    [InlineData("port")]
    [InlineData("Port")]
    [InlineData("1PORT")]
    [InlineData("_PORT")]
    [InlineData("HOST-NAME")]
    [InlineData("HOST NAME")]
    [InlineData("PORT\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_other_keys(string? key) => Assert.False(SettingDefinition.IsValidKey(key));

    [Fact]
    public void Well_formed_definitions_have_no_problems()
    {
        SettingDefinition[] definitions =
        [
            new() { Key = "HOST", Name = "Host", Required = true },
            new() { Key = "PORT", Name = "Port", Type = SettingType.Int, Default = 9100 },
            new() { Key = "DARKNESS", Name = "Darkness", Type = SettingType.Float, Default = "0.5", Units = "%" },
            new() { Key = "CUT", Name = "Cut", Type = SettingType.Bool, Default = true },
            new() { Key = "MEDIA", Name = "Media", Type = SettingType.Choice, Default = "a", Choices = [new("a", "A"), new("b", "B")] },
        ];

        Assert.Empty(SettingDefinitions.Validate(definitions));
    }

    [Fact]
    public void Reports_a_bad_key()
    {
        var problems = SettingDefinitions.Validate(new SettingDefinition { Key = "port", Name = "Port" });

        Assert.Equal(["setting key 'port' must match ^[A-Z][A-Z0-9_]*$"], problems);
    }

    [Fact]
    public void Reports_a_missing_name()
    {
        Assert.Equal(["setting PORT has no name"], SettingDefinitions.Validate(new SettingDefinition { Key = "PORT", Name = " " }));
    }

    [Fact]
    public void Reports_an_unknown_type()
    {
        var problems = SettingDefinitions.Validate(new SettingDefinition { Key = "PORT", Name = "Port", Type = (SettingType)7 });

        Assert.Equal(["setting PORT has an unknown type 7"], problems);
    }

    [Fact]
    public void A_choice_setting_needs_choices()
    {
        var problems = SettingDefinitions.Validate(new SettingDefinition { Key = "MEDIA", Name = "Media", Type = SettingType.Choice });

        Assert.Equal(["setting MEDIA is a Choice setting without choices"], problems);
    }

    [Fact]
    public void Only_choice_settings_have_choices()
    {
        var problems = SettingDefinitions.Validate(
            new SettingDefinition { Key = "PORT", Name = "Port", Type = SettingType.Int, Choices = [new("1", "One")] });

        Assert.Equal(["setting PORT has choices but its type is Int (only Choice settings have choices)"], problems);
    }

    [Fact]
    public void Choice_values_are_unique_and_not_empty()
    {
        var problems = SettingDefinitions.Validate(new SettingDefinition
        {
            Key = "MEDIA",
            Name = "Media",
            Type = SettingType.Choice,
            Choices = [new("a", "A"), new("a", "Also A"), new("", "Nothing")],
        });

        Assert.Equal(
            ["setting MEDIA has a choice without a value", "setting MEDIA lists choice 'a' more than once"],
            problems);
    }

    [Fact]
    public void The_default_must_parse_as_the_type()
    {
        var problems = SettingDefinitions.Validate(new SettingDefinition { Key = "PORT", Name = "Port", Type = SettingType.Int, Default = "abc" });

        Assert.Equal(["setting PORT has an invalid default: 'abc' is not a valid integer"], problems);
    }

    [Fact]
    public void The_default_must_be_a_choice_and_pass_the_validator()
    {
        var choice = new SettingDefinition
        {
            Key = "MEDIA",
            Name = "Media",
            Type = SettingType.Choice,
            Default = "c",
            Choices = [new("a", "A")],
        };
        var validated = new SettingDefinition { Key = "HOST", Name = "Host", Default = "x", Validator = _ => "too short" };

        Assert.Equal(["setting MEDIA has an invalid default: 'c' is not one of the choices: a"], SettingDefinitions.Validate(choice));
        Assert.Equal(["setting HOST has an invalid default: too short"], SettingDefinitions.Validate(validated));
    }

    [Fact]
    public void Reports_duplicate_keys_and_null_entries()
    {
        SettingDefinition?[] definitions =
        [
            new SettingDefinition { Key = "PORT", Name = "Port" },
            null,
            new SettingDefinition { Key = "PORT", Name = "Port again" },
        ];

        Assert.Equal(
            ["the setting at position 2 is null", "setting key PORT is declared more than once"],
            SettingDefinitions.Validate(definitions));
    }
}
