using MachineActors.Actors;
using MachineActors.Actors.Persistence;
using MachineActors.Host.Security;

namespace MachineActors.Host;

/// <summary>
/// The node's actor system and what runs in it: persistence on the configured store and the token
/// registry (the machine registry joins it). Started before the HTTP server takes requests and
/// stopped (children first, jobs finishing) when the host stops.
/// </summary>
public sealed partial class NodeRuntime(NodeOptions options, TokenCache tokenCache, NodeStorage storage, ILogger<NodeRuntime> logger) : IHostedService
{
    private ActorSystem? _system;
    private IActorRef? _tokens;

    public ActorSystem System => _system ?? throw new InvalidOperationException("The node is not started.");

    public IActorRef Tokens => _tokens ?? throw new InvalidOperationException("The node is not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDir);
        _system = ActorSystem.Create(NodeDefaults.ActorSystemName);
        var (journal, snapshots) = storage.Open(options);
        await Persistence.StartAsync(_system, journal, snapshots, cancellationToken: cancellationToken);
        _tokens = _system.ActorOf(Props.Create(() => new TokenRegistryActor(tokenCache)), "tokens");
        LogStarted(logger, options.Storage, Path.GetFullPath(options.DataDir));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ShutdownTimeout);
        try
        {
            await _system.Terminate().WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(logger, options.ShutdownTimeout);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Node started: storage {Storage}, data in {DataDir}.")]
    private static partial void LogStarted(ILogger logger, string storage, string dataDir);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Actors did not stop within {Timeout}; exiting anyway.")]
    private static partial void LogShutdownTimedOut(ILogger logger, TimeSpan timeout);
}
