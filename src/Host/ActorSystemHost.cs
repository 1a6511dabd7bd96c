using MachineActors.Actors;

namespace MachineActors.Host;

/// <summary>Owns the node's actor system: created with the host, terminated (children first) when the host stops.</summary>
public sealed class ActorSystemHost : IHostedService
{
    public ActorSystem System { get; } = ActorSystem.Create(NodeDefaults.ActorSystemName);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => System.Terminate().WaitAsync(cancellationToken);
}
