namespace MachineActors.Machines;

/// <summary>What the call supplies for one parameter of a command method.</summary>
internal abstract record CommandSlot
{
    private CommandSlot()
    {
    }

    /// <summary>The <see cref="IMachine"/> the command runs on.</summary>
    public sealed record Machine : CommandSlot;

    /// <summary>The caller's <see cref="System.Threading.CancellationToken"/>.</summary>
    public sealed record Cancellation : CommandSlot;

    /// <summary>A command argument, bound by name; <paramref name="Default"/> is used when an optional one is absent.</summary>
    public sealed record Argument(MachineCommandParameter Parameter, object? Default) : CommandSlot;
}
