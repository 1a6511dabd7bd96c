namespace MachineActors.Registry;

/// <summary>
/// Driver code failed or timed out for a machine. The machine actor fails with it; the registry, its supervisor,
/// records <see cref="Exception.Message"/> as a machine error, sets the type's error status and restarts the actor
/// with backoff. The original exception, if any, is the inner exception.
/// </summary>
public sealed class MachineFailureException : Exception
{
    internal MachineFailureException(Guid machineId, string driverCall, string message, Exception? innerException, MachineFailureContext context)
        : base(message, innerException)
    {
        MachineId = machineId;
        DriverCall = driverCall;
        Context = context;
    }

    /// <summary>The machine whose driver call failed.</summary>
    public Guid MachineId { get; }

    /// <summary>The driver member that failed, e.g. <c>InitMachine</c> or a command name.</summary>
    public string DriverCall { get; }

    internal MachineFailureContext Context { get; }
}
