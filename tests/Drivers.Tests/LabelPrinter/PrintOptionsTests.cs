using System.Text.Json;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

public sealed class PrintOptionsTests
{
    private static readonly PrintOptionDefinition[] Declared =
    [
        new() { Key = "cut", Name = "Cut", Type = SettingType.Bool, Default = true },
        new() { Key = "darkness", Name = "Darkness", Type = SettingType.Int },
        new()
        {
            Key = "speed",
            Name = "Speed",
            Type = SettingType.Choice,
            Default = "normal",
            Choices = [new SettingChoice("slow", "Slow"), new SettingChoice("normal", "Normal")],
        },
    ];

    [Fact]
    public void No_options_means_one_copy()
    {
        var result = PrintOptions.Parse(null);

        Assert.True(result.IsValid);
        Assert.Equal(1, result.Options!.Copies);
        Assert.Equal(1, PrintOptions.Default.Copies);
        Assert.Equal(["copies"], PrintOptions.Default.Values.Keys);
    }

    public static TheoryData<object?, int> ValidCopies => new()
    {
        { 3, 3 },
        { "3", 3 },
        { " 7 ", 7 },
        { 2.0, 2 },
        { 4L, 4 },
        { Json("5"), 5 },
        { Json("\"6\""), 6 },
        { null, 1 },
        { "", 1 },
        { Json("null"), 1 },
        { 1000, 1000 },
    };

    [Theory]
    [MemberData(nameof(ValidCopies))]
    public void Copies_are_coerced_to_an_int(object? raw, int expected)
    {
        var result = PrintOptions.Parse(Options(("copies", raw)));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Options!.Copies);
        Assert.Equal(expected, result.Options.Values["copies"]);
    }

    public static TheoryData<object?, string> InvalidCopies => new()
    {
        { 0, "copies: must be between 1 and 1000 (got 0)" },
        { -2, "copies: must be between 1 and 1000 (got -2)" },
        { "0", "copies: must be between 1 and 1000 (got 0)" },
        { 1001, "copies: must be between 1 and 1000 (got 1001)" },
        { "abc", "copies: 'abc' is not a valid integer" },
        { 2.5, "copies: '2.5' is not a valid integer" },
        { true, "copies: 'true' is not a valid integer" },
        { Json("[1]"), "copies: '[1]' is not a valid integer" },
        { "99999999999", "copies: '99999999999' is out of range for an integer (-2147483648 to 2147483647)" },
    };

    [Theory]
    [MemberData(nameof(InvalidCopies))]
    public void Invalid_copies_are_rejected_with_a_clear_error(object? raw, string error)
    {
        var result = PrintOptions.Parse(Options(("copies", raw)));

        Assert.False(result.IsValid);
        Assert.Null(result.Options);
        Assert.Equal([error], result.Errors);
    }

    [Fact]
    public void Unknown_options_are_dropped()
    {
        var result = PrintOptions.Parse(Options(("copies", 2), ("colour", "red"), ("Copies", 9)));

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Options!.Copies);
        Assert.Equal(["copies"], result.Options.Values.Keys);
    }

    [Fact]
    public void Declared_options_get_their_defaults()
    {
        var options = PrintOptions.Parse(null, Declared).Options!;

        Assert.Equal(true, options.Values["cut"]);
        Assert.Null(options.Values["darkness"]);
        Assert.Equal("normal", options.Get<string>("speed"));
        Assert.Equal(0, options.Get<int>("darkness"));
        Assert.Null(options.Get<string>("cut"));
    }

    [Fact]
    public void Declared_options_are_coerced_from_text_and_JSON()
    {
        var options = PrintOptions.Parse(Options(("cut", "false"), ("darkness", Json("\"12\"")), ("speed", Json("\"slow\""))), Declared).Options!;

        Assert.False(options.Get<bool>("cut"));
        Assert.Equal(12, options.Get<int>("darkness"));
        Assert.Equal("slow", options.Get<string>("speed"));
    }

    [Fact]
    public void Every_invalid_option_is_reported()
    {
        var result = PrintOptions.Parse(Options(("copies", "abc"), ("cut", "maybe"), ("speed", "fast")), Declared);

        Assert.Null(result.Options);
        Assert.Equal(
            [
                "copies: 'abc' is not a valid integer",
                "cut: 'maybe' is not a valid boolean (use true or false)",
                "speed: 'fast' is not one of the choices: slow, normal",
            ],
            result.Errors);
    }

    [Fact]
    public void A_declared_copies_option_cannot_replace_the_built_in_one()
    {
        PrintOptionDefinition[] declared = [new() { Key = "copies", Name = "Copies", Type = SettingType.String }];

        var result = PrintOptions.Parse(Options(("copies", "many")), declared);

        Assert.Equal(["copies: 'many' is not a valid integer"], result.Errors);
        Assert.Equal(["print option copies is declared more than once"], PrintOptionDefinitions.Validate([BuiltInPrintOptions.Copies, .. declared]));
    }

    [Fact]
    public void Parsing_the_parsed_values_gives_the_same_options()
    {
        var first = PrintOptions.Parse(Options(("copies", "4"), ("cut", "false"), ("speed", "slow")), Declared).Options!;

        var again = PrintOptions.Parse(first.Values, Declared).Options!;

        Assert.Equal(first.Values.OrderBy(p => p.Key), again.Values.OrderBy(p => p.Key));
    }

    [Fact]
    public void Parsing_values_that_went_through_JSON_gives_the_same_options()
    {
        var first = PrintOptions.Parse(Options(("copies", 4), ("cut", false), ("speed", "slow")), Declared).Options!;
        var stored = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(first.Values))!;

        var again = PrintOptions.Parse(stored.ToDictionary(p => p.Key, p => (object?)p.Value), Declared).Options!;

        Assert.Equal(first.Values.OrderBy(p => p.Key), again.Values.OrderBy(p => p.Key));
    }

    [Fact]
    public void Option_definitions_are_checked()
    {
        PrintOptionDefinition?[] definitions =
        [
            new() { Key = "Media", Name = "Media" },
            new() { Key = "ok", Name = " " },
            new() { Key = "level", Name = "Level", Type = SettingType.Int, Default = "high" },
            new() { Key = "mode", Name = "Mode", Type = SettingType.Choice },
            new() { Key = "tray", Name = "Tray", Choices = [new SettingChoice("a", "A")] },
            new() { Key = "level", Name = "Level again" },
            null,
        ];

        Assert.Equal(
            [
                "print option key 'Media' must match ^[a-z][a-z0-9_]*$",
                "print option ok has no name",
                "print option level has an invalid default: 'high' is not a valid integer",
                "print option mode is a Choice option without choices",
                "print option tray has choices but its type is String",
                "print option level is declared more than once",
                "the print option at position 7 is null",
            ],
            PrintOptionDefinitions.Validate(definitions));
    }

    [Fact]
    public void Option_choice_values_are_unique_and_not_empty()
    {
        PrintOptionDefinition[] definitions =
        [
            new() { Key = "mode", Name = "Mode", Type = SettingType.Choice, Choices = [new("a", "A"), new("a", "Also A"), new("", "Nothing")] },
        ];

        Assert.Equal(
            ["print option mode has a choice without a value", "print option mode lists choice 'a' more than once"],
            PrintOptionDefinitions.Validate(definitions));
    }

    private static Dictionary<string, object?> Options(params (string Key, object? Value)[] options) =>
        options.ToDictionary(o => o.Key, o => o.Value);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
