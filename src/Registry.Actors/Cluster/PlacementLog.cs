using Microsoft.Extensions.Logging;

namespace MachineActors.Registry.Cluster;

/// <summary>What a cluster registry logs about its machines' leases.</summary>
internal static partial class PlacementLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Node '{Node}' runs machine {MachineId} (lease epoch {Epoch}).")]
    public static partial void Running(ILogger logger, string node, Guid machineId, long epoch);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning,
        Message = "Node '{Node}' lost the lease of machine {MachineId} (epoch {Epoch}); the machine is stopped at once.")]
    public static partial void Lost(ILogger logger, string node, Guid machineId, long epoch);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Node '{Node}' handed machine {MachineId} back: {Reason}.")]
    public static partial void HandedBack(ILogger logger, string node, Guid machineId, string reason);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Warning, Message = "Node '{Node}' could not read the machine catalog or the membership; the next poll tries again.")]
    public static partial void ViewFailed(ILogger logger, string node, Exception error);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Warning,
        Message = "Node '{Node}' holds the lease of machine {MachineId} but could not read its records; the lease goes back.")]
    public static partial void LoadFailed(ILogger logger, string node, Guid machineId, Exception? error);

    [LoggerMessage(EventId = 7206, Level = LogLevel.Information, Message = "Node '{Node}' handed over {Count} machine(s) and gave every lease back.")]
    public static partial void HandedOver(ILogger logger, string node, int count);
}
