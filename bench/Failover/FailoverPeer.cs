using System.Globalization;

namespace MachineActors.Bench.Failover;

/// <summary>
/// The station that gets killed (<c>bench failover-peer &lt;connection&gt; &lt;schema&gt; &lt;prefix&gt; &lt;count&gt;</c>): it adds
/// the machines, prints "READY" with the ids of those it runs, and on a "leave" line hands them over and leaves.
/// </summary>
internal static class FailoverPeer
{
    public const string Argument = "failover-peer";

    public static async Task<int> Run(string connectionString, string schema, string prefix, int count)
    {
        var node = await FailoverNode.StartAsync("station-b", connectionString, schema);
        await node.AddMachinesAsync(prefix, count);
        var running = await node.RunningAsync();
        Console.WriteLine("READY " + string.Join(',', running.Select(id => id.ToString("N", CultureInfo.InvariantCulture))));
        if (await Console.In.ReadLineAsync() == "leave")
        {
            await node.LeaveAsync();
            Console.WriteLine("LEFT");
        }
        await node.Node.DisposeAsync();
        return 0;
    }
}
