namespace MachineActors.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench -- &lt;suite&gt; [--quick]</c>. Every suite
/// measures a baseline in the same process and ends with one <c>RESULT &lt;suite&gt; key=value ...</c> line.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly Dictionary<string, Func<bool, Task>> s_suites = new(StringComparer.Ordinal)
    {
        ["actors"] = MessagingBenchmark.Run,
        ["spawn"] = SpawnBenchmark.Run,
        ["journal"] = Journal.JournalBenchmark.Run,
        ["printing"] = PrintingBenchmark.Run,
        ["registry"] = RegistryBenchmark.Run,
        ["remote"] = Remote.RemoteBenchmark.Run,
        ["failover"] = Failover.FailoverBenchmark.Run,
    };

    public static async Task<int> Run(string[] args)
    {
        if (args is [Remote.RemoteBenchmark.RemotePeerArgument, var parent])
        {
            return await Remote.RemotePeer.Run(parent);
        }
        if (args is [Failover.FailoverPeer.Argument, var connection, var schema, var prefix, var count])
        {
            return await Failover.FailoverPeer.Run(connection, schema, prefix, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        }
        var quick = args.Contains("--quick");
        var suites = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (suites.Count == 0 || suites.Any(s => !s_suites.ContainsKey(s)))
        {
            Console.Error.WriteLine($"usage: bench <{string.Join('|', s_suites.Keys)}>... [--quick]");
            return 2;
        }
#if DEBUG
        Console.Error.WriteLine("warning: a Debug build; run with -c Release for real figures.");
#endif
        foreach (var suite in suites)
        {
            await s_suites[suite](quick);
        }
        return 0;
    }
}
