namespace MachineActors.Bench.Failover;

/// <summary>
/// The process that gets killed (<c>bench failover-peer &lt;connection&gt; &lt;schema&gt; &lt;first&gt; &lt;count&gt;</c>): a
/// station that takes the leases of the given machines, prints READY, and on a "leave" line leaves gracefully.
/// </summary>
internal static class FailoverPeer
{
    public const string Argument = "failover-peer";

    public static async Task<int> Run(string connectionString, string schema, int first, int count)
    {
        var node = await FailoverNode.StartAsync("station-b", connectionString, schema);
        await FailoverNode.WantAsync(node, first, count);
        Console.WriteLine("READY");
        if (await Console.In.ReadLineAsync() == "leave")
        {
            await node.LeaveAsync(TimeSpan.FromSeconds(30));
            Console.WriteLine("LEFT");
        }
        await node.DisposeAsync();
        return 0;
    }
}
