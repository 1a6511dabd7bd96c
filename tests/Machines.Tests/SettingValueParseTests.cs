using System.Globalization;

namespace MachineActors.Machines.Tests;

public sealed class SettingValueParseTests
{
    public static TheoryData<object> Trues => new() { true, "true", "TRUE", " True ", Json.Parse("true"), Json.Parse("\"true\"") };

    public static TheoryData<object> Falses => new() { false, "false", "False", Json.Parse("false"), Json.Parse("\" false \"") };

    public static TheoryData<object, string> NotBools => new()
    {
        { "abc", "abc" },
        { "1", "1" },
        { "yes", "yes" },
        { 1, "1" },
        { Json.Parse("1"), "1" },
        { Json.Parse("[true]"), "[true]" },
    };

    public static TheoryData<object, int> Ints => new()
    {
        { 42, 42 },
        { "42", 42 },
        { " -7 ", -7 },
        { "+5", 5 },
        { 42L, 42 },
        { (short)3, 3 },
        { (byte)9, 9 },
        { 3.0, 3 },
        { 3.0f, 3 },
        { 12m, 12 },
        { Json.Parse("42"), 42 },
        { Json.Parse("3.0"), 3 },
        { Json.Parse("1e3"), 1000 },
        { Json.Parse("\"17\""), 17 },
        { "2147483647", int.MaxValue },
        { "-2147483648", int.MinValue },
    };

    public static TheoryData<object, string> NotInts => new()
    {
        { "abc", "'abc' is not a valid integer" },
        { "4.5", "'4.5' is not a valid integer" },
        { "1e3", "'1e3' is not a valid integer" },
        { "4 2", "'4 2' is not a valid integer" },
        { "-", "'-' is not a valid integer" },
        { 4.5, "'4.5' is not a valid integer" },
        { 4.5m, "'4.5' is not a valid integer" },
        { double.NaN, "'NaN' is not a valid integer" },
        { true, "'true' is not a valid integer" },
        { Json.Parse("4.5"), "'4.5' is not a valid integer" },
        { Json.Parse("{\"a\":1}"), "'{\"a\":1}' is not a valid integer" },
        { "2147483648", "'2147483648' is out of range for an integer (-2147483648 to 2147483647)" },
        { "-99999999999999999999", "'-99999999999999999999' is out of range for an integer (-2147483648 to 2147483647)" },
        { 3_000_000_000L, "'3000000000' is out of range for an integer (-2147483648 to 2147483647)" },
        { 1e12, "'1000000000000' is out of range for an integer (-2147483648 to 2147483647)" },
        { Json.Parse("1e40"), "'1e40' is out of range for an integer (-2147483648 to 2147483647)" },
    };

    public static TheoryData<object, double> Floats => new()
    {
        { 1.5, 1.5 },
        { "1.5", 1.5 },
        { "  2.5e3 ", 2500.0 },
        { "-0.25", -0.25 },
        { 3, 3.0 },
        { 2.5f, 2.5 },
        { 0.125m, 0.125 },
        { Json.Parse("1.25"), 1.25 },
        { Json.Parse("\"7.75\""), 7.75 },
    };

    public static TheoryData<object, string> NotFloats => new()
    {
        { "abc", "'abc' is not a valid number" },
        { "1,5", "'1,5' is not a valid number" },
        { "NaN", "'NaN' is not a valid number" },
        { "Infinity", "'Infinity' is not a valid number" },
        { "1e400", "'1e400' is not a valid number" },
        { double.PositiveInfinity, "'Infinity' is not a valid number" },
        { true, "'true' is not a valid number" },
        { Json.Parse("[]"), "'[]' is not a valid number" },
    };

    public static TheoryData<object, string> Texts => new()
    {
        { "hello", "hello" },
        { " padded ", " padded " },
        { 42, "42" },
        { 1.5, "1.5" },
        { true, "true" },
        { Json.Parse("\"x\""), "x" },
        { Json.Parse("7"), "7" },
        { Json.Parse("false"), "false" },
    };

    public static TheoryData<object?> Empties => new() { null, "", "   ", Json.Parse("null"), Json.Parse("\"\"") };

    [Theory]
    [MemberData(nameof(Trues))]
    public void Parses_true(object raw) => Assert.Equal(true, Success(raw, SettingType.Bool));

    [Theory]
    [MemberData(nameof(Falses))]
    public void Parses_false(object raw) => Assert.Equal(false, Success(raw, SettingType.Bool));

    [Theory]
    [MemberData(nameof(NotBools))]
    public void Rejects_other_booleans(object raw, string shown)
    {
        Assert.Equal($"'{shown}' is not a valid boolean (use true or false)", Failure(raw, SettingType.Bool));
    }

    [Theory]
    [MemberData(nameof(Ints))]
    public void Parses_integers_to_int(object raw, int expected)
    {
        var value = Success(raw, SettingType.Int);

        Assert.IsType<int>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [MemberData(nameof(NotInts))]
    public void Rejects_non_integers(object raw, string error) => Assert.Equal(error, Failure(raw, SettingType.Int));

    [Theory]
    [MemberData(nameof(Floats))]
    public void Parses_numbers_to_double(object raw, double expected)
    {
        var value = Success(raw, SettingType.Float);

        Assert.IsType<double>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [MemberData(nameof(NotFloats))]
    public void Rejects_non_numbers(object raw, string error) => Assert.Equal(error, Failure(raw, SettingType.Float));

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parses_scalars_to_text(object raw, string expected) => Assert.Equal(expected, Success(raw, SettingType.String));

    [Fact]
    public void Rejects_json_structures_as_text()
    {
        Assert.Equal("a JSON object is not a valid text", Failure(Json.Parse("{}"), SettingType.String));
        Assert.Equal("a JSON array is not a valid choice", Failure(Json.Parse("[1]"), SettingType.Choice));
    }

    [Fact]
    public void Rejects_arbitrary_objects_as_text()
    {
        Assert.Equal("a value of type Object is not a valid text", Failure(new object(), SettingType.String));
    }

    [Theory]
    [MemberData(nameof(Empties))]
    public void Empty_input_parses_to_null_for_every_type(object? raw)
    {
        foreach (var type in Enum.GetValues<SettingType>())
        {
            var result = SettingValue.Parse(raw, type);
            Assert.True(result.IsValid, $"{type}: {result.Error}");
            Assert.Null(result.Value);
        }
    }

    [Fact]
    public void Parsing_ignores_the_current_culture()
    {
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(1.5, Success("1.5", SettingType.Float));
            Assert.Equal("'1,5' is not a valid number", Failure("1,5", SettingType.Float));
            Assert.Equal("2.5", Success(2.5, SettingType.String));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Long_values_are_shortened_in_messages()
    {
        var error = Failure(new string('x', 200), SettingType.Int);

        Assert.Equal($"'{new string('x', 60)}…' is not a valid integer", error);
    }

    [Fact]
    public void An_unknown_type_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SettingValue.Parse("x", (SettingType)99));
    }

    [Fact]
    public void Results_expose_validity()
    {
        Assert.True(SettingParseResult.Success(1).IsValid);
        Assert.False(SettingParseResult.Failure("bad").IsValid);
        Assert.Throws<ArgumentException>(() => SettingParseResult.Failure(""));
    }

    private static object? Success(object? raw, SettingType type)
    {
        var result = SettingValue.Parse(raw, type);
        Assert.True(result.IsValid, result.Error);
        return result.Value;
    }

    private static string? Failure(object? raw, SettingType type)
    {
        var result = SettingValue.Parse(raw, type);
        Assert.False(result.IsValid, $"parsed to {result.Value}");
        Assert.Null(result.Value);
        return result.Error;
    }
}
