using MachineActors.Machines;
using MachineActors.Registry.Discovery;
using MachineActors.Registry.Tests.Fixtures;

namespace MachineActors.Registry.Tests.Discovery;

/// <summary>The states a machine type shares among machines that have nothing but a status, and what is stored of them.</summary>
public sealed class SharedMachineStateTests
{
    private readonly RegisteredMachineType _type = new(new ProbeMachineType(), "tests", isBuiltIn: true);

    [Fact]
    public void A_status_set_on_a_plain_state_and_then_initialisation_give_the_types_shared_states()
    {
        var live = _type.WithStatus(_type.InitialState, ProbeStatuses.Ready);
        var initialized = _type.Initialized(live);

        Assert.Same(_type.WithStatus(_type.InitialState, ProbeStatuses.Ready), live);
        Assert.Equal(new MachineRuntimeState { Status = ProbeStatuses.Ready }, live);
        Assert.Same(_type.Initialized(_type.WithStatus(_type.InitialState, ProbeStatuses.Ready)), initialized);
        Assert.Equal(new MachineRuntimeState { Status = ProbeStatuses.Ready, Initialized = true }, initialized);
        Assert.Same(_type.Stored(initialized), _type.Stored(live));
        Assert.Equal(StoredMachineState.From(initialized), _type.Stored(initialized));
    }

    [Fact]
    public void A_state_with_more_than_a_status_is_copied_and_a_last_known_status_stays_last_known()
    {
        var lastKnown = new MachineRuntimeState { Status = ProbeStatuses.Warning, StatusIsLastKnown = true };
        var withText = _type.WithStatus(_type.InitialState with { StatusText = "paper low" }, ProbeStatuses.Warning);

        var initialized = _type.Initialized(lastKnown);

        Assert.True(initialized.StatusIsLastKnown);
        Assert.True(initialized.Initialized);
        Assert.Equal("paper low", withText.StatusText);
        Assert.NotSame(_type.Stored(withText), _type.Stored(withText));
        Assert.Equal(StoredMachineState.From(withText), _type.Stored(withText));
        // An equal status that is not the set's own instance gets a copy, not the shared state.
        var foreign = new MachineStatus(100, "READY", "Ready", StatusColour.Success);
        Assert.NotSame(_type.WithStatus(_type.InitialState, foreign), _type.WithStatus(_type.InitialState, foreign));
    }
}
