using MachineActors.Actors;
using MachineActors.Registry;

namespace MachineActors.Host;

/// <summary>Writes the registry's stage, readiness and machine-failure events to the node's log.</summary>
public sealed partial class RegistryEventLogger : ReceiveActor
{
    public RegistryEventLogger(ILogger logger)
    {
        Receive<RegistryStageCompleted>(stage => LogStage(logger, stage.Stage, stage.Count, stage.Errors, stage.Duration.TotalMilliseconds));
        Receive<RegistryReady>(ready => LogReady(logger, ready.MachineTypes, ready.Drivers, ready.Machines, ready.InitializedMachines, ready.Errors, ready.Duration.TotalMilliseconds));
        Receive<MachineFailed>(failed => LogMachineFailed(logger, failed.Name, failed.Error, failed.Failures, failed.RestartIn));
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Registry stage {Stage}: {Count} found, {Errors} errors, {Milliseconds:0.0} ms.")]
    private static partial void LogStage(ILogger logger, RegistryStage stage, int count, int errors, double milliseconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Registry ready: {Types} machine types, {Drivers} drivers, {Machines} machines ({Initialized} initialised), {Errors} errors, in {Milliseconds:0.0} ms.")]
    private static partial void LogReady(ILogger logger, int types, int drivers, int machines, int initialized, int errors, double milliseconds);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Machine '{Name}' failed ({Failures} so far): {Error}; restart in {RestartIn}.")]
    private static partial void LogMachineFailed(ILogger logger, string name, string error, int failures, TimeSpan? restartIn);
}
