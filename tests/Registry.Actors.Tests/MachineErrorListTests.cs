namespace MachineActors.Registry.Tests;

/// <summary>A machine's error list stays bounded however its driver words its errors.</summary>
public sealed class MachineErrorListTests
{
    [Fact]
    public void An_error_already_recorded_is_not_recorded_again()
    {
        var state = new MachineRuntimeState().WithError("Paper out").WithError("Paper out");

        Assert.Equal(["Paper out"], state.Errors);
    }

    [Fact]
    public void Beyond_the_limit_the_oldest_errors_are_dropped_first()
    {
        var state = new MachineRuntimeState();
        for (var i = 0; i < MachineRuntimeState.MaxErrors + 10; i++)
        {
            state = state.WithError($"Timeout at poll {i}");
        }

        Assert.Equal(MachineRuntimeState.MaxErrors, state.Errors.Count);
        Assert.Equal("Timeout at poll 10", state.Errors[0]);
        Assert.Equal($"Timeout at poll {MachineRuntimeState.MaxErrors + 9}", state.Errors[^1]);
    }

    [Fact]
    public void A_very_long_error_is_cut_and_still_recorded_once()
    {
        var answer = "HTTP 500: " + new string('x', 100_000);

        var state = new MachineRuntimeState().WithError(answer).WithError(answer);

        var error = Assert.Single(state.Errors);
        Assert.Equal(MachineRuntimeState.MaxErrorLength, error.Length);
        Assert.StartsWith("HTTP 500: xxx", error, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", error, StringComparison.Ordinal);
    }
}
