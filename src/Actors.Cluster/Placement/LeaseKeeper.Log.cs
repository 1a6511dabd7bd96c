using Microsoft.Extensions.Logging;

namespace MachineActors.Actors.Cluster.Placement;

public sealed partial class LeaseKeeper
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Lease of machine '{MachineId}' granted at epoch {Epoch}.")]
    private static partial void LogGranted(ILogger logger, string machineId, long epoch);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Lease of machine '{MachineId}' (epoch {Epoch}) lost: the store did not renew it (it expired or another node holds it).")]
    private static partial void LogLostNotRenewed(ILogger logger, string machineId, long epoch);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning,
        Message = "Lease of machine '{MachineId}' (epoch {Epoch}) lost: no successful renewal within {Window} (the fencing deadline).")]
    private static partial void LogLostDeadline(ILogger logger, string machineId, long epoch, TimeSpan window);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Lease {Operation} of {Count} machine(s) failed; retrying on the next tick.")]
    private static partial void LogCallFailed(ILogger logger, string operation, int count, Exception error);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Lease release of {Count} machine(s) failed; those leases end when they expire.")]
    private static partial void LogReleaseFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "A lease store call did not finish within {Timeout}; abandoned, the next one starts.")]
    private static partial void LogCallAbandoned(ILogger logger, TimeSpan timeout);
}
