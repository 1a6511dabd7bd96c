using MachineActors.Actors;
using MachineActors.Actors.Cluster.Remote;

namespace MachineActors.Bench.Remote;

/// <summary>
/// The second process of the remote benchmark (<c>bench remote-peer &lt;parent address&gt;</c>): a node with echo
/// actors and a raw WebSocket echo server; prints "READY &lt;cluster address&gt; &lt;raw port&gt;" and runs until
/// its standard input closes.
/// </summary>
internal static class RemotePeer
{
    public const int EchoActors = 64;

    public static async Task<int> Run(string parentAddress)
    {
        var transport = await RemoteTransport.StartAsync(
            "bench", new TransportOptions { Secret = RemoteBenchMessages.Secret }, RemoteBenchMessages.Types(),
            new ActorSystemOptions { StandardErrorLogLevel = Actors.Event.LogLevel.Off });
        for (var i = 0; i < EchoActors; i++)
        {
            transport.System.ActorOf(Props.Create(() => new BenchEchoActor()), $"echo-{i}");
        }
        if (!Address.TryParse(parentAddress, out var parent))
        {
            await Console.Error.WriteLineAsync($"bad parent address {parentAddress}");
            return 2;
        }
        transport.Associate(parent);
        var (raw, rawPort) = await RawEchoServer.StartAsync();
        Console.WriteLine($"READY {transport.Address} {rawPort}");
        await Console.In.ReadToEndAsync();
        await raw.StopAsync();
        await transport.System.Terminate();
        return 0;
    }
}
