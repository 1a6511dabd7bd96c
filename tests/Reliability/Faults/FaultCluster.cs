using MachineActors.Acceptance;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// A cluster of node processes on loopback for one fault case: a front-end and stations on one PostgreSQL database
/// (their own cluster schema), every process's output kept (a restarted node's outputs each count on their own) with
/// the time the test killed it, so <see cref="AssertNoMachineRanOnTwoNodesAtOnce"/> can line up every activation.
/// </summary>
public sealed class FaultCluster(string connectionString, ITestOutputHelper output) : IAsyncDisposable
{
    public const string Secret = "reliability-cluster-secret-0123456789";

    private readonly Dictionary<string, NodeProcess> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Role, int ClusterPort, IReadOnlyList<string> Arguments)> _definitions = new(StringComparer.Ordinal);
    private readonly List<(string Name, NodeProcess Process)> _everyProcess = [];
    private readonly Dictionary<int, DateTime> _kills = [];
    private readonly string _schema = PrivatePostgres.NewSchemaName("faults");

    /// <summary>A folder of the test's own, removed at the end: nodes' data folders, spool folders.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("machineactors-faults-").FullName;

    public string ConnectionString => connectionString;

    public NodeProcess this[string name] => _current[name];

    /// <summary>Starts (or restarts, on the same cluster port and data folder) a node and waits until it answers.</summary>
    public async Task<NodeProcess> StartAsync(string name, string role, IReadOnlyList<string>? arguments = null, int? clusterPort = null)
    {
        if (_current.TryGetValue(name, out var running) && running.ExitCode is null)
        {
            throw new InvalidOperationException($"{name} is still running.");
        }
        (string Role, int ClusterPort, IReadOnlyList<string> Arguments) definition = _definitions.TryGetValue(name, out var known)
            ? known
            : (role, clusterPort ?? NodeProcess.FreeLoopbackPort(), arguments ?? []);
        _definitions[name] = definition;
        // Connections made and lost between nodes are logged too: a fault case that fails says what the transport saw.
        var node = await NodeProcess.StartClusterNode(name, definition.Role, Path.Combine(Root, name), connectionString, _schema, Secret,
            definition.ClusterPort, extraArguments: ["--Logging:LogLevel:MachineActors.Cluster.Transport=Information", .. definition.Arguments]);
        _current[name] = node;
        lock (_everyProcess)
        {
            _everyProcess.Add((name, node));
        }
        return node;
    }

    /// <summary>The cluster port a node was started with (what it listens on).</summary>
    public int ClusterPortOf(string name) => _definitions[name].ClusterPort;

    /// <summary>kill -9; the kill's time ends whatever the process ran.</summary>
    public async Task KillAsync(string name)
    {
        var node = _current[name];
        lock (_everyProcess)
        {
            _kills[_everyProcess.FindIndex(p => ReferenceEquals(p.Process, node))] = DateTime.UtcNow;
        }
        await node.Kill();
    }

    /// <summary>Every process that has not exited by itself (killed ones excepted), with its exit code otherwise.</summary>
    public IReadOnlyList<string> CrashedProcesses()
    {
        lock (_everyProcess)
        {
            return [.. _everyProcess.Select((p, i) => (p.Name, p.Process, Index: i))
                .Where(p => p.Process.ExitCode is not null && !_kills.ContainsKey(p.Index))
                .Select(p => $"{p.Name} (process {p.Index}) exited with {p.Process.ExitCode}")];
        }
    }

    /// <summary>Fails if any machine ran on two nodes at once, across every process's log and the kill times.</summary>
    public void AssertNoMachineRanOnTwoNodesAtOnce(int atLeast)
    {
        List<string> logs;
        Dictionary<int, DateTime> kills;
        lock (_everyProcess)
        {
            logs = [.. _everyProcess.Select(p => p.Process.Output)];
            kills = new Dictionary<int, DateTime>(_kills);
        }
        var activations = ActivationTimeline.Count(logs);
        output.WriteLine($"Activation timeline: {activations} activations across {logs.Count} node processes, {kills.Count} kills; no overlap allowed.");
        Assert.True(activations >= atLeast, $"the nodes logged {activations} activations, fewer than the {atLeast} needed for the check to mean something");
        var overlaps = ActivationTimeline.Overlaps(logs, kills);
        Assert.True(overlaps.Count == 0, "machines ran on two nodes at once:\n" + string.Join('\n', overlaps));
    }

    /// <summary>Writes the tail of every process's output to the test output (after a failure).</summary>
    public void DumpLogs(int tailLines = 150)
    {
        lock (_everyProcess)
        {
            foreach (var (name, process) in _everyProcess)
            {
                var lines = process.Output.Split('\n');
                output.WriteLine($"===== {name} (exit {process.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "running"}), last {tailLines} of {lines.Length} lines =====");
                foreach (var line in lines.TakeLast(tailLines))
                {
                    output.WriteLine(line.TrimEnd('\r'));
                }
            }
        }
    }

    /// <summary>Every line of every process of <paramref name="name"/> that contains <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LinesOf(string name, string text)
    {
        lock (_everyProcess)
        {
            return [.. _everyProcess.Where(p => p.Name == name)
                .SelectMany(p => p.Process.Output.Split('\n'))
                .Where(line => line.Contains(text, StringComparison.Ordinal))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NodeProcess> processes;
        lock (_everyProcess)
        {
            processes = [.. _everyProcess.Select(p => p.Process)];
        }
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A spool file still being renamed by a dying process; the temp folder is left behind.
        }
    }
}
