namespace MachineActors.Machines;

/// <summary>A command call rejected before the command ran; <see cref="Error"/> says why.</summary>
public sealed class MachineCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MachineCommandException(MachineCommandError error, string command, string message, IReadOnlyList<string>? parameters = null)
        : base(message)
    {
        Error = error;
        Command = command;
        Parameters = parameters ?? [];
    }

    /// <summary>Why the call was rejected.</summary>
    public MachineCommandError Error { get; }

    /// <summary>The command that was called.</summary>
    public string Command { get; }

    /// <summary>The parameters concerned: the missing ones, or the one with the invalid argument.</summary>
    public IReadOnlyList<string> Parameters { get; }
}
