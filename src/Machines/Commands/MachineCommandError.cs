namespace MachineActors.Machines;

/// <summary>Why a command call was rejected before the command ran; all are the caller's fault (HTTP 400).</summary>
public enum MachineCommandError
{
    /// <summary>The driver has no command of that name.</summary>
    UnknownCommand,

    /// <summary>One or more mandatory parameters were not supplied.</summary>
    MissingParameters,

    /// <summary>An argument could not be parsed to its parameter's type, or was null where null is not allowed.</summary>
    InvalidArgument,
}
