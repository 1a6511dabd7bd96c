using MachineActors.Machines.Tests.Fixtures;

namespace MachineActors.Machines.Tests;

public sealed class MachineCommandCatalogTests
{
    private readonly CommandingDriver _driver = new();
    private readonly FakeMachine _machine = new() { Name = "zebra-1" };

    [Fact]
    public void Lists_the_marked_methods_by_name()
    {
        var names = MachineCommandCatalog.For(typeof(CommandingDriver)).Definitions.Select(d => d.Name);

        Assert.Equal(["calibrate", "fail-later", "fail-now", "feed", "label", "secret", "wipe"], names);
        Assert.Empty(MachineCommandCatalog.For(typeof(CommandingDriver)).Problems);
    }

    [Fact]
    public void Describes_parameters_without_the_injected_ones()
    {
        var feed = MachineCommandCatalog.For(typeof(CommandingDriver)).Find("feed");

        Assert.NotNull(feed);
        Assert.Equal("Feeds blank labels", feed.Description);
        Assert.Equal(
            [
                new MachineCommandParameter("count", SettingType.Int, Required: true, AllowsNull: false, "How many labels"),
                new MachineCommandParameter("reason", SettingType.String, Required: false, AllowsNull: true, ""),
                new MachineCommandParameter("cut", SettingType.Bool, Required: false, AllowsNull: false, ""),
            ],
            feed.Parameters);
        Assert.Equal(["count"], feed.MandatoryParameters);
    }

    [Fact]
    public void Nullable_reference_parameters_without_defaults_are_mandatory_but_accept_null()
    {
        var label = MachineCommandCatalog.For(typeof(CommandingDriver)).Find("label")!;

        Assert.Equal(["text", "note"], label.MandatoryParameters);
        Assert.False(label.Parameters[0].AllowsNull);
        Assert.True(label.Parameters[1].AllowsNull);
    }

    [Fact]
    public void Reports_missing_mandatory_parameters_and_ignores_extras()
    {
        var label = MachineCommandCatalog.For(typeof(CommandingDriver)).Find("label")!;

        Assert.Equal(["text", "note"], label.MissingParameters([]));
        Assert.Equal(["note"], label.MissingParameters(["command", "text", "extra"]));
        Assert.Empty(label.MissingParameters(["note", "text"]));
        Assert.Equal(["text"], label.MissingParameters(["Text", "note"]));
    }

    [Fact]
    public void Find_is_case_sensitive_and_returns_null_for_unknown_commands()
    {
        var catalog = MachineCommandCatalog.For(typeof(CommandingDriver));

        Assert.Null(catalog.Find("Feed"));
        Assert.Null(catalog.Find("explode"));
    }

    [Fact]
    public async Task Binds_arguments_and_returns_the_result()
    {
        using var cancellation = new CancellationTokenSource();
        var arguments = new Dictionary<string, object?> { ["count"] = "3", ["cut"] = Json.Parse("false"), ["command"] = "feed" };

        var result = await _driver.ExecuteCommand(_machine, "feed", arguments, cancellation.Token);

        Assert.Equal(6, result);
        Assert.Equal(["feed zebra-1 3 - False True"], _driver.Calls);
    }

    [Fact]
    public async Task Json_arguments_bind_like_clr_values()
    {
        var arguments = new Dictionary<string, object?> { ["count"] = Json.Parse("5"), ["reason"] = Json.Parse("\"restock\"") };

        var result = await _driver.ExecuteCommand(_machine, "feed", arguments, CancellationToken.None);

        Assert.Equal(10, result);
        Assert.Equal(["feed zebra-1 5 restock True False"], _driver.Calls);
    }

    [Fact]
    public async Task A_plain_task_command_returns_null()
    {
        var result = await _driver.ExecuteCommand(_machine, "calibrate", Args(("darkness", "0.75")), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(["calibrate 0.75"], _driver.Calls);
    }

    [Fact]
    public async Task Strings_are_passed_verbatim_and_null_where_allowed()
    {
        var result = await _driver.ExecuteCommand(_machine, "label", Args(("text", ""), ("note", null)), CancellationToken.None);

        Assert.Equal("|null", result);
    }

    [Fact]
    public async Task An_unknown_command_is_rejected()
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(
            () => _driver.ExecuteCommand(_machine, "explode", Args(), CancellationToken.None));

        Assert.Equal(MachineCommandError.UnknownCommand, error.Error);
        Assert.Equal("explode", error.Command);
        Assert.Equal("Unknown command 'explode'", error.Message);
    }

    [Fact]
    public async Task Missing_mandatory_parameters_are_rejected_before_the_command_runs()
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(
            () => _driver.ExecuteCommand(_machine, "label", Args(("note", "x")), CancellationToken.None));

        Assert.Equal(MachineCommandError.MissingParameters, error.Error);
        Assert.Equal("Mandatory parameters missing: text", error.Message);
        Assert.Equal(["text"], error.Parameters);
        Assert.Empty(_driver.Calls);
    }

    [Fact]
    public async Task An_unparsable_argument_is_rejected_with_the_parse_error()
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(
            () => _driver.ExecuteCommand(_machine, "feed", Args(("count", "abc")), CancellationToken.None));

        Assert.Equal(MachineCommandError.InvalidArgument, error.Error);
        Assert.Equal("Parameter 'count': 'abc' is not a valid integer", error.Message);
        Assert.Equal(["count"], error.Parameters);
        Assert.Empty(_driver.Calls);
    }

    [Theory]
    [InlineData(null, "Parameter 'count' must not be null")]
    [InlineData(" ", "Parameter 'count' must not be empty")]
    public async Task Null_and_empty_are_rejected_where_not_allowed(string? raw, string message)
    {
        var error = await Assert.ThrowsAsync<MachineCommandException>(
            () => _driver.ExecuteCommand(_machine, "feed", Args(("count", raw)), CancellationToken.None));

        Assert.Equal(MachineCommandError.InvalidArgument, error.Error);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Exceptions_from_the_command_pass_through_unwrapped()
    {
        var now = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _driver.ExecuteCommand(_machine, "fail-now", Args(), CancellationToken.None));
        var later = await Assert.ThrowsAsync<TimeoutException>(
            () => _driver.ExecuteCommand(_machine, "fail-later", Args(), CancellationToken.None));

        Assert.Equal("thrown before returning a task", now.Message);
        Assert.Equal("the printer did not answer", later.Message);
    }

    [Fact]
    public async Task Non_public_commands_run()
    {
        Assert.Equal(7, await _driver.ExecuteCommand(_machine, "secret", Args(), CancellationToken.None));
        Assert.Equal(1, await _driver.ExecuteCommand(_machine, "wipe", Args(), CancellationToken.None));
    }

    [Fact]
    public async Task Derived_drivers_inherit_commands_and_overrides_keep_the_attribute()
    {
        var derived = new DerivedCommandingDriver();
        var catalog = MachineCommandCatalog.For(typeof(DerivedCommandingDriver));

        Assert.Equal(MachineCommandCatalog.For(typeof(CommandingDriver)).Definitions, catalog.Definitions);
        Assert.Empty(catalog.Problems);
        Assert.Equal(2, await derived.ExecuteCommand(_machine, "wipe", Args(), CancellationToken.None));
        Assert.Equal(7, await derived.ExecuteCommand(_machine, "secret", Args(), CancellationToken.None));
    }

    [Fact]
    public void Invalid_command_methods_are_left_out_and_reported()
    {
        var catalog = MachineCommandCatalog.For(typeof(BrokenCommandDriver));

        Assert.Equal(["ok"], catalog.Definitions.Select(d => d.Name));
        Assert.Equal(
            [
                "command 'static' (BrokenCommandDriver.Static): must be an instance method",
                "command 'sync' (BrokenCommandDriver.Sync): must return Task or Task<T>, not Int32",
                "command 'when' (BrokenCommandDriver.When): parameter 'at' has unsupported type DateTime (use string, bool, int or double, optionally nullable)",
                "command 'by-ref' (BrokenCommandDriver.ByRef): parameter 'count' must not be ref, out or in",
                "command 'Bad Name' (BrokenCommandDriver.BadName): the name must match ^[a-z][a-z0-9_-]*$",
                "command 'reserved' (BrokenCommandDriver.Reserved): parameter name 'command' is reserved for the command name",
                "command 'ok' is declared more than once (command 'ok' (BrokenCommandDriver.OkAgain))",
            ],
            catalog.Problems);
    }

    [Fact]
    public void The_driver_validator_reports_command_problems()
    {
        var problems = DriverValidator.Validate(new BrokenCommandDriver());

        Assert.Equal(7, problems.Count);
        Assert.All(problems, problem => Assert.StartsWith("'BrokenCommandDriver' commands: command '", problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_driver_exposes_its_catalog()
    {
        Assert.Equal(MachineCommandCatalog.For(typeof(CommandingDriver)).Definitions, _driver.Commands);
    }

    [Fact]
    public void Catalogs_are_cached_per_type_and_only_for_drivers()
    {
        Assert.Same(MachineCommandCatalog.For(typeof(CommandingDriver)), MachineCommandCatalog.For(typeof(CommandingDriver)));
        Assert.Throws<ArgumentException>(() => MachineCommandCatalog.For(typeof(string)));
    }

    [Fact]
    public void A_catalog_refuses_a_driver_of_another_type()
    {
        var catalog = MachineCommandCatalog.For(typeof(DerivedCommandingDriver));

        Assert.Throws<ArgumentException>(() => { _ = catalog.Invoke(_driver, _machine, "wipe", Args(), CancellationToken.None); });
    }

    [Fact]
    public void Definitions_compare_by_value()
    {
        MachineCommandParameter Count() => new("count", SettingType.Int, Required: true, AllowsNull: false, "");
        var first = new MachineCommandDefinition("feed", "Feeds", [Count()]);

        Assert.Equal(first, new MachineCommandDefinition("feed", "Feeds", [Count()]));
        Assert.Equal(first.GetHashCode(), new MachineCommandDefinition("feed", "Feeds", [Count()]).GetHashCode());
        Assert.NotEqual(first, new MachineCommandDefinition("feed", "Feeds", [Count() with { Required = false }]));
        Assert.NotEqual(first, new MachineCommandDefinition("feed", "Feeds", []));
    }

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(argument => argument.Name, argument => argument.Value);
}
