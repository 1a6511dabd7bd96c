namespace MachineActors.Machines.Tests;

public sealed class SettingValueDefinitionTests
{
    private static readonly SettingDefinition Media = new()
    {
        Key = "MEDIA",
        Name = "Media",
        Type = SettingType.Choice,
        Choices = [new SettingChoice("62mm", "62 mm endless"), new SettingChoice("29x90", "29 x 90 mm")],
    };

    [Fact]
    public void A_choice_must_be_one_of_the_choices()
    {
        Assert.Equal("29x90", SettingValue.Parse("29x90", Media).Value);
        Assert.Equal("62mm", SettingValue.Parse(Json.Parse("\"62mm\""), Media).Value);
        Assert.Equal("'A4' is not one of the choices: 62mm, 29x90", SettingValue.Parse("A4", Media).Error);
    }

    [Fact]
    public void Choices_compare_exactly()
    {
        Assert.False(SettingValue.Parse("62MM", Media).IsValid);
        Assert.False(SettingValue.Parse(" 62mm", Media).IsValid);
    }

    [Fact]
    public void Parsing_as_choice_type_alone_does_not_check_choices()
    {
        Assert.Equal("A4", SettingValue.Parse("A4", SettingType.Choice).Value);
    }

    [Fact]
    public void The_validator_sees_the_typed_value_and_can_reject_it()
    {
        object? seen = null;
        var port = new SettingDefinition
        {
            Key = "PORT",
            Name = "Port",
            Type = SettingType.Int,
            Validator = value =>
            {
                seen = value;
                return value is int and (< 1 or > 65535) ? "the port must be between 1 and 65535" : null;
            },
        };

        Assert.Equal(9100, SettingValue.Parse("9100", port).Value);
        Assert.Equal(9100, seen);
        Assert.Equal("the port must be between 1 and 65535", SettingValue.Parse("70000", port).Error);
    }

    [Fact]
    public void The_validator_does_not_run_when_the_type_is_wrong_or_the_value_empty()
    {
        var calls = 0;
        var definition = new SettingDefinition
        {
            Key = "PORT",
            Name = "Port",
            Type = SettingType.Int,
            Validator = _ =>
            {
                calls++;
                return "never valid";
            },
        };

        Assert.Equal("'x' is not a valid integer", SettingValue.Parse("x", definition).Error);
        Assert.True(SettingValue.Parse("", definition).IsValid);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void An_empty_validator_message_means_valid()
    {
        var definition = new SettingDefinition { Key = "HOST", Name = "Host", Validator = _ => "" };

        Assert.Equal("printer.local", SettingValue.Parse("printer.local", definition).Value);
    }

    [Fact]
    public void A_throwing_validator_becomes_an_error()
    {
        var definition = new SettingDefinition
        {
            Key = "HOST",
            Name = "Host",
            Validator = _ => throw new InvalidOperationException("boom"),
        };

        Assert.Equal("the validator failed: boom", SettingValue.Parse("x", definition).Error);
    }

    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(true, "", null, true)]
    [InlineData(true, "  ", "", true)]
    [InlineData(true, null, " ", true)]
    [InlineData(true, "value", null, false)]
    [InlineData(true, null, "default", false)]
    [InlineData(true, "value", "default", false)]
    [InlineData(false, null, null, false)]
    [InlineData(false, "", "", false)]
    public void A_required_setting_is_missing_only_when_value_and_default_are_empty(bool required, string? value, string? fallback, bool missing)
    {
        var definition = new SettingDefinition { Key = "HOST", Name = "Host", Required = required, Default = fallback };

        Assert.Equal(missing, SettingValue.IsMissing(value, definition));
    }

    [Fact]
    public void Typed_falsy_values_are_not_empty()
    {
        var flag = new SettingDefinition { Key = "FLAG", Name = "Flag", Type = SettingType.Bool, Required = true };
        var count = new SettingDefinition { Key = "COUNT", Name = "Count", Type = SettingType.Int, Required = true, Default = 0 };

        Assert.False(SettingValue.IsMissing(false, flag));
        Assert.False(SettingValue.IsMissing(null, count));
        Assert.True(SettingValue.IsMissing(Json.Parse("null"), flag));
    }

    [Fact]
    public void Missing_keys_are_the_required_ones_without_value_or_default()
    {
        SettingDefinition[] definitions =
        [
            new() { Key = "HOST", Name = "Host", Required = true },
            new() { Key = "PORT", Name = "Port", Type = SettingType.Int, Required = true, Default = 9100 },
            new() { Key = "TOKEN", Name = "Token", Required = true },
            new() { Key = "NOTE", Name = "Note" },
            new() { Key = "QUEUE", Name = "Queue", Required = true },
        ];
        var values = new Dictionary<string, object?> { ["HOST"] = "printer.local", ["TOKEN"] = " " };

        Assert.Equal(["TOKEN", "QUEUE"], SettingValue.MissingKeys(definitions, values));
    }

    [Fact]
    public void The_effective_value_falls_back_to_the_default()
    {
        var copies = new SettingDefinition { Key = "COPIES", Name = "Copies", Type = SettingType.Int, Default = 1 };

        Assert.Equal(1, SettingValue.EffectiveValue(null, copies));
        Assert.Equal(1, SettingValue.EffectiveValue(" ", copies));
        Assert.Equal(3, SettingValue.EffectiveValue(3, copies));
    }

    [Fact]
    public void Protected_values_are_masked_unless_empty()
    {
        var token = new SettingDefinition { Key = "TOKEN", Name = "Token", Protected = true };
        var host = new SettingDefinition { Key = "HOST", Name = "Host" };

        Assert.Equal("***", SettingValue.Mask("s3cret", token));
        Assert.Null(SettingValue.Mask(null, token));
        Assert.Equal("", SettingValue.Mask("", token));
        Assert.Equal("printer", SettingValue.Mask("printer", host));
    }

    [Theory]
    [InlineData(SettingType.Int, "s3cret-not-a-number")]
    [InlineData(SettingType.Int, "98765432109876")]
    [InlineData(SettingType.Int, "4711.5")]
    [InlineData(SettingType.Float, "s3cret-not-a-number")]
    [InlineData(SettingType.Bool, "s3cret-not-a-flag")]
    [InlineData(SettingType.Choice, "s3cret-not-a-choice")]
    public void A_protected_settings_parse_error_does_not_repeat_the_value(SettingType type, string value)
    {
        var open = new SettingDefinition { Key = "CODE", Name = "Code", Type = type, Choices = type == SettingType.Choice ? [new SettingChoice("a", "A")] : [] };
        var secret = open with { Protected = true };

        // The same value is refused either way; only the protected setting's message leaves it out.
        Assert.Contains(value, SettingValue.Parse(value, open).Error, StringComparison.Ordinal);
        var error = SettingValue.Parse(value, secret).Error;
        Assert.NotNull(error);
        Assert.DoesNotContain(value, error, StringComparison.Ordinal);
        Assert.Contains(SettingValue.ProtectedMask, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protected_settings_validator_message_that_quotes_the_value_is_replaced()
    {
        var secret = new SettingDefinition
        {
            Key = "TOKEN",
            Name = "Token",
            Protected = true,
            Validator = value => value is string text && text.Length < 40 ? $"'{text}' is shorter than 40 characters" : null,
        };
        var plain = secret with { Protected = false };
        var quiet = secret with { Validator = value => value is string text && text.Length < 40 ? "must be at least 40 characters" : null };

        Assert.Contains("s3cret-token", SettingValue.Parse("s3cret-token", plain).Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", SettingValue.Parse("s3cret-token", secret).Error, StringComparison.Ordinal);
        // A message that does not quote the value is kept as the driver wrote it.
        Assert.Equal("must be at least 40 characters", SettingValue.Parse("s3cret-token", quiet).Error);
    }
}
